package io.outpost.relay.checks;

import io.outpost.relay.config.RelayConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * One-click unsubscribe for bulk mail (RFC 8058), which Gmail and Yahoo require of bulk senders. Outpost adds {@code
 * List-Unsubscribe} and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} to every tenant's bulk message
 * ({@code unsubscribe/ListUnsubscribe}); receivers honour them only when the URL is HTTPS (RFC 8058 §3.1) and a valid
 * DKIM signature covers both fields (§4), which Outpost's signature does once the From domain's DKIM is verified.
 */
@ApplicationScoped
public class OneClickUnsubscribeCheck implements PreSendCheck {

    static final String ID = "one-click-unsubscribe";
    static final String TITLE = "One-click unsubscribe (RFC 8058)";

    @Inject
    private RelayConfiguration config;

    @Inject
    private SenderDomains senders;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        if (!message.bulk()) {
            return notApplicable();
        }
        boolean signed = senders.of(message.tenant(), message.from().domain()).dkimSigns();
        return judge(URI.create(config.trackingBaseUrl()), signed);
    }

    static CheckResult notApplicable() {
        return CheckResult.pass(ID, TITLE, "Not applicable: transactional mail gets no List-Unsubscribe fields.");
    }

    /**
     * @param linkBase where Outpost's unsubscribe URL points ({@code outpost.tracking.base-url})
     * @param signed whether Outpost signs the From domain's mail with DKIM
     */
    static CheckResult judge(URI linkBase, boolean signed) {
        if (!signed) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.FAIL,
                    "Outpost adds List-Unsubscribe and List-Unsubscribe-Post, but receivers honour them only under a"
                            + " DKIM signature (RFC 8058 §4), and the From domain's DKIM is not verified.",
                    "Publish the From domain's DKIM record (see the authentication check).");
        }
        if (!"https".equalsIgnoreCase(linkBase.getScheme())) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.WARN,
                    "Outpost adds List-Unsubscribe with " + linkBase.getScheme() + " URL " + linkBase
                            + "/u/…, but RFC 8058 §3.1 asks for HTTPS: receivers may not offer one click for it.",
                    "Ask the operator to serve Outpost over HTTPS and set outpost.tracking.base-url to its https URL.");
        }
        return CheckResult.pass(
                ID,
                TITLE,
                "Outpost adds List-Unsubscribe (" + linkBase + "/u/…) and List-Unsubscribe-Post:"
                        + " List-Unsubscribe=One-Click to each recipient's copy, under its DKIM signature.");
    }
}
