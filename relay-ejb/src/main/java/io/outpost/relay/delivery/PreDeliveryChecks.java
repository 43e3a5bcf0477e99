package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.blocklist.BulkPause;
import io.outpost.relay.content.BulkMail;
import io.outpost.relay.content.HeaderFrom;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.plugin.Suppression;
import io.outpost.relay.queue.MessageForDelivery;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What may stop a recipient just before an attempt (the PRE_DELIVERY phase): the suppression policies, asked about each
 * recipient, so a suppression added after the message was queued still stops it; and the pause of bulk mail, for the
 * whole message, by the blocklist watch or by its domain's complaint and hard-bounce rates; and the sandbox, which keeps a captured message instead of sending it. A recipient
 * stopped here gets an outcome without any host being asked.
 */
final class PreDeliveryChecks {

    /** Neither suppression policies nor any pause: every recipient is attempted. */
    static final PreDeliveryChecks NONE = new PreDeliveryChecks(
            Suppression.NONE, () -> BulkPause.NONE, (tenant, sender) -> Optional.empty(), tenant -> false);

    private final Suppression suppression;
    private final Supplier<BulkPause> pause;
    private final BiFunction<TenantId, EmailAddress, Optional<SmtpReply>> ratePause;
    private final Predicate<Optional<TenantId>> captures;

    /**
     * @param ratePause the reply a tenant's bulk mail from this envelope sender waits with while its domain's complaint
     *     or hard-bounce rate has it paused ({@code ReputationWatch#pausedReply})
     * @param captures whether the sandbox keeps a message of this tenant (empty: no tenant's) rather than sending it
     */
    PreDeliveryChecks(
            Suppression suppression,
            Supplier<BulkPause> pause,
            BiFunction<TenantId, EmailAddress, Optional<SmtpReply>> ratePause,
            Predicate<Optional<TenantId>> captures) {
        this.suppression = suppression;
        this.pause = pause;
        this.ratePause = ratePause;
        this.captures = captures;
    }

    /** True if the sandbox keeps the message as it would have left instead of sending it. */
    boolean captured(MessageForDelivery message) {
        return captures.test(message.tenant());
    }

    /**
     * The reply the whole message waits with, if it is bulk mail paused by a listing or by its domain's rates. The header
     * section is read only while something is paused.
     */
    Optional<SmtpReply> paused(MessageForDelivery message) {
        BulkPause current = pause.get();
        Optional<SmtpReply> byRates = message.tenant()
                .flatMap(tenant -> message.sender().mailbox().flatMap(sender -> ratePause.apply(tenant, sender)));
        if (current.isEmpty() && byRates.isEmpty()) {
            return Optional.empty();
        }
        byte[] headerSection;
        try {
            headerSection = message.content().headerSection();
        } catch (MessageContent.HeaderSectionTooLarge | UncheckedIOException e) {
            // Sending would fail on the same bytes and say why; pausing it would only hide that.
            return Optional.empty();
        }
        // Mail that carries list fields is bulk to its receivers, whichever stream its sender chose.
        if (message.stream() != MessageStream.BULK && !BulkMail.isBulk(headerSection)) {
            return Optional.empty();
        }
        if (byRates.isPresent()) {
            return byRates;
        }
        List<Domain> authors = HeaderFrom.domains(headerSection);
        return current.replyFor(authors, message.returnPath());
    }

    /** The outcome a suppression policy gives the recipient instead of an attempt (SUPPRESSED or DEFERRED), if any. */
    Optional<RecipientOutcome> suppressed(MessageForDelivery message, EmailAddress recipient) {
        Verdict verdict = suppression.check(() -> new SuppressionQuery(
                PluginPhase.PRE_DELIVERY,
                message.tenant(),
                message.sender(),
                recipient,
                message.stream(),
                message.topic()));
        return switch (verdict.kind()) {
            case REJECT -> Optional.of(RecipientOutcome.suppressed(
                    recipient, verdict.effectiveReply().orElseThrow()));
            case DEFER -> Optional.of(
                    RecipientOutcome.of(recipient, verdict.effectiveReply().orElseThrow(), Optional.empty()));
            case CONTINUE, ACCEPT -> Optional.empty();
        };
    }
}
