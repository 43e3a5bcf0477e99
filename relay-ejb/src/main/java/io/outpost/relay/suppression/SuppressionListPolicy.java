package io.outpost.relay.suppression;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Topic;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.plugin.InlinePlugin;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The suppression lists ({@link SuppressionStore}) as a suppression policy like any other, named {@value #NAME} and
 * placed in the operator's order with the plugins. A recipient is accepted when given (RCPT, or an HTTP submission), so
 * that a client cannot probe a list by what it refuses, unless its tenant asked for listed recipients to be refused
 * then ({@code 550 5.7.1} with the reason); before each delivery attempt, one that a list holds fails for
 * good without its server being asked ({@code SUPPRESSED}, with the reason in the message's story). The relay's own
 * code, asked for every recipient with one indexed read: called on the caller's thread ({@link InlinePlugin}).
 */
public final class SuppressionListPolicy implements SuppressionPolicy, InlinePlugin {

    public static final String NAME = "suppression-list";

    /** Where the lists are read: the entry that holds mail of a tenant on a stream from a recipient now, if any. */
    @FunctionalInterface
    public interface Lists {
        Optional<SuppressionEntry> holding(
                Optional<TenantId> tenant, MessageStream stream, Optional<Topic> topic, EmailAddress recipient);
    }

    private final Lists lists;
    private final Predicate<TenantId> refusesAtRcpt;

    /** @param refusesAtRcpt whether a tenant has its listed recipients refused when given, not held before delivery */
    public SuppressionListPolicy(Lists lists, Predicate<TenantId> refusesAtRcpt) {
        this.lists = lists;
        this.refusesAtRcpt = refusesAtRcpt;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict check(SuppressionQuery query) {
        if (query.phase() == PluginPhase.RCPT
                && query.tenant().filter(refusesAtRcpt).isEmpty()) {
            return Verdict.proceed("accepted; the lists are asked before delivery");
        }
        return lists.holding(query.tenant(), query.stream(), query.topic(), query.recipient())
                .map(SuppressionListPolicy::refusal)
                .orElseGet(Verdict::proceed);
    }

    // RFC 3463 §3.8 (X.7.1): delivery not authorized. The reply names the reason, not the list's other entries.
    private static Verdict refusal(SuppressionEntry entry) {
        String list = entry.scope().tenant().isEmpty()
                ? "the operator's suppression list"
                : entry.scope()
                        .topic()
                        .map(topic -> "the suppression list of topic " + topic)
                        .or(() -> entry.scope().stream().map(s -> "the " + s.wireName() + " suppression list"))
                        .orElse("the suppression list");
        return Verdict.reject(
                entry.target() + " on " + list + " (" + entry.reason().wireName() + ")",
                SmtpReply.of(
                        550, "5.7.1", "Recipient suppressed: " + entry.reason().wireName()));
    }
}
