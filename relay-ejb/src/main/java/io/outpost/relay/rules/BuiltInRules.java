package io.outpost.relay.rules;

import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.relay.plugin.MandatoryRule;
import io.outpost.relay.returns.ReturnPathAddresses;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.smtp.RelayPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's own submission rules, by name, and the order {@code outpost.plugins.submission} lists them in by default:
 * {@value #DEFAULT_ORDER_TEXT}. An operator places their own policies among them by listing all names in the order
 * wanted; the four {@link MandatoryRule}s cannot be left out, as without them Outpost would be an open relay, let
 * tenants send as one another or past their quotas, or pass mail round a loop for ever.
 */
public final class BuiltInRules {

    static final String DEFAULT_ORDER_TEXT =
            "relay-control, sender-binding, loop-detection, dkim-readiness, dmarc-alignment, sending-limits";

    /** The default list: each rule first where it refuses most cheaply, the counting one last. */
    public static final List<String> DEFAULT_ORDER = List.of(
            RelayControl.NAME,
            SenderBinding.NAME,
            LoopDetection.NAME,
            DkimReadiness.NAME,
            DmarcAlignment.NAME,
            SendingLimitsRule.NAME);

    private BuiltInRules() {}

    /** The rules, made with the services they ask; enabled and ordered by name like any plugin. */
    public static List<SubmissionPolicy> create(
            RelayPolicy relay,
            ReturnPathAddresses returnPaths,
            SenderPolicy smtpSenders,
            SenderPolicy httpSenders,
            SendingLimits smtpLimits,
            SendingLimits httpLimits,
            OutboundAuthentication authentication,
            boolean requireDkim,
            boolean refuseMisaligned) {
        Submitters submitters = new Submitters(relay);
        return List.of(
                new RelayControl(relay, returnPaths),
                new SenderBinding(submitters, smtpSenders, httpSenders),
                new LoopDetection(),
                new DkimReadiness(authentication, submitters, requireDkim),
                new DmarcAlignment(authentication, submitters, refuseMisaligned),
                new SendingLimitsRule(submitters, smtpLimits, httpLimits));
    }

    /**
     * Throws {@link IllegalArgumentException}, naming what to add, if {@code enabled} (the operator's list of
     * submission policies) leaves out one of the mandatory {@code rules}.
     */
    public static void requireIn(List<String> enabled, List<SubmissionPolicy> rules) {
        List<String> missing = new ArrayList<>();
        rules.stream()
                .filter(MandatoryRule.class::isInstance)
                .map(SubmissionPolicy::name)
                .filter(name -> !enabled.contains(name))
                .forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("outpost.plugins.submission must list the built-in rule(s) " + missing
                    + ": without them the relay would be open, let tenants send as one another or past their quotas,"
                    + " or loop mail; the default list is " + DEFAULT_ORDER_TEXT);
        }
    }
}
