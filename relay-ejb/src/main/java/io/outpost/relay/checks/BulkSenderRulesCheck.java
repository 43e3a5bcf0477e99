package io.outpost.relay.checks;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.reputation.DomainRates;
import io.outpost.relay.reputation.ReputationWatch;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Gmail's and Yahoo's rules for bulk senders (in force since February 2024; Google's "Email sender guidelines", Yahoo's
 * "Sender Best Practices"), in one place: SPF and DKIM both pass, DMARC is published (p=none suffices) and aligned,
 * one-click unsubscribe (RFC 8058) is offered, and spam complaints stay under 0.3 % (Google asks for under 0.1 %). Valid
 * forward and reverse DNS of the sending addresses and TLS in transit are the relay's part, not the message's.
 * Transactional mail is not held to them.
 */
@ApplicationScoped
public class BulkSenderRulesCheck implements PreSendCheck {

    static final String ID = "bulk-sender-rules";
    static final String TITLE = "Gmail and Yahoo bulk-sender rules";

    /** Gmail and Yahoo: never reach 0.3 %. */
    static final double COMPLAINTS_LIMIT = 0.003;
    /** Google: keep it under 0.1 %. */
    static final double COMPLAINTS_ADVISED = 0.001;

    @Inject
    private SenderDomains senders;

    @Inject
    private RelayConfiguration config;

    @EJB
    private ReputationWatch reputation;

    @Override
    public int order() {
        return 90;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        if (!message.bulk()) {
            return CheckResult.pass(ID, TITLE, "Not applicable: the rules are for bulk mail.");
        }
        SenderAuthentication facts = senders.of(message.tenant(), message.from().domain());
        CheckResult oneClick = OneClickUnsubscribeCheck.judge(URI.create(config.trackingBaseUrl()), facts.dkimSigns());
        String domain = DomainRates.domainOf(message.from());
        return judge(facts, oneClick, reputation.rates(message.tenant(), domain));
    }

    static CheckResult judge(SenderAuthentication facts, CheckResult oneClick, Optional<DomainRates> rates) {
        Findings findings = new Findings();
        String records = "Publish the records the From domain check names.";
        if (!facts.dkimSigns()) {
            findings.add(CheckVerdict.FAIL, "DKIM does not pass: the From domain's key is not verified.", records);
        }
        if (!facts.spfPasses()) {
            findings.add(
                    CheckVerdict.FAIL,
                    "SPF does not pass: neither the return-path domain nor the From domain authorises Outpost.",
                    records);
        }
        if (facts.dmarc().isEmpty()) {
            findings.add(CheckVerdict.FAIL, "No DMARC record is published for the From domain.", records);
        }
        if (oneClick.verdict() != CheckVerdict.PASS) {
            findings.add(oneClick.verdict(), "One-click unsubscribe: " + oneClick.why(), oneClick.fix());
        }
        rates.filter(r -> r.delivered() > 0).ifPresent(r -> judgeComplaints(r, findings));
        return findings.result(
                ID,
                TITLE,
                "SPF and DKIM pass, DMARC is published and aligned (DKIM d= is the From domain), one-click unsubscribe"
                        + " is offered, and complaints are under 0.1 %. Forward and reverse DNS of the sending"
                        + " addresses and TLS are the relay's part.");
    }

    private static void judgeComplaints(DomainRates rates, Findings findings) {
        double rate = (double) rates.complained() / rates.delivered();
        String measured = String.format(Locale.ROOT, "%.2f %%", rate * 100) + " (" + rates.complained() + " of "
                + rates.delivered() + " delivered recently)";
        if (rate >= COMPLAINTS_LIMIT) {
            findings.add(
                    CheckVerdict.FAIL,
                    "Spam complaints are at " + measured + ", over Gmail's and Yahoo's 0.3 %.",
                    "Send only to readers who asked for it and recently engaged; remove inactive addresses.");
        } else if (rate >= COMPLAINTS_ADVISED) {
            findings.add(
                    CheckVerdict.WARN,
                    "Spam complaints are at " + measured + ", over the 0.1 % Google advises.",
                    "Send only to readers who asked for it and recently engaged.");
        }
    }
}
