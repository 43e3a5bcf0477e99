package io.outpost.relay.checks;

import io.outpost.relay.dnsauth.DmarcPolicy;
import io.outpost.relay.dnsauth.DmarcRecord;
import io.outpost.relay.sending.PublishedRecord;
import io.outpost.relay.sending.RecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether mail From this domain will authenticate as Outpost sends it (RFC 7489 DMARC): signed with DKIM by the From
 * domain itself (d= aligned), SPF passing for an aligned envelope sender, and a DMARC policy published. Mail that
 * cannot be signed, or From a domain that is not the tenant's, fails; a missing DMARC record fails bulk mail (Gmail
 * and Yahoo require one of bulk senders) and warns transactional mail; {@code p=none} and SPF that is not aligned warn.
 */
@ApplicationScoped
public class AuthenticationCheck implements PreSendCheck {

    static final String ID = "authentication";
    static final String TITLE = "From domain: DKIM, SPF and DMARC";

    @Inject
    private SenderDomains senders;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        return judge(senders.of(message.tenant(), message.from().domain()), message.bulk());
    }

    static CheckResult judge(SenderAuthentication facts, boolean bulk) {
        String domain = facts.from().ascii();
        if (facts.sendingDomain().isEmpty()) {
            String yours = facts.tenantDomains().isEmpty()
                    ? "you have no sending domain yet"
                    : "yours: "
                            + facts.tenantDomains().stream().map(d -> d.ascii()).collect(Collectors.joining(", "));
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.FAIL,
                    domain + " is not one of your sending domains (" + yours + "): Outpost refuses mail From it and"
                            + " cannot sign it with DKIM.",
                    "Send From an address at one of your sending domains, or have an owner add " + domain
                            + " on the Domains page and publish its records.");
        }
        Findings findings = new Findings();
        if (!facts.dkimSigns()) {
            List<PublishedRecord> dkim = facts.unpublished(RecordKind.DKIM);
            findings.add(
                    CheckVerdict.FAIL,
                    "DKIM: the key record" + (dkim.size() == 1 ? " is" : "s are") + " not verified in DNS, so Outpost"
                            + " does not sign mail From " + domain + " and receivers see it unauthenticated.",
                    "Publish the DKIM record" + (dkim.size() == 1 ? "" : "s") + " ("
                            + SenderAuthentication.publish(dkim) + "), then check the domain again.");
        }
        judgeDmarc(facts, bulk, findings);
        if (facts.dkimSigns() && !facts.spfAligned()) {
            findings.add(
                    CheckVerdict.WARN,
                    "SPF: " + spfProblem(facts) + " DMARC passes on the DKIM signature alone, but Gmail and Yahoo want"
                            + " SPF to pass too, and a forwarded message keeps only one of them.",
                    facts.returnPathVerified()
                            ? "Publish adkim/aspf=r (relaxed) in the DMARC record, so the return-path subdomain aligns."
                            : "Publish the return-path records ("
                                    + SenderAuthentication.publish(facts.unpublished(RecordKind.RETURN_PATH_MX))
                                    + (facts.unpublished(RecordKind.RETURN_PATH_SPF)
                                                    .isEmpty()
                                            ? ""
                                            : "; ")
                                    + SenderAuthentication.publish(facts.unpublished(RecordKind.RETURN_PATH_SPF))
                                    + ").");
        }
        String policy = facts.dmarc()
                .map(p ->
                        "DMARC p=" + policyName(p) + " at _dmarc." + p.foundAt().ascii())
                .orElse("");
        return findings.result(
                ID,
                TITLE,
                "DKIM signed by " + domain + " (aligned), SPF passes for " + spfDomain(facts) + " (aligned), " + policy
                        + ".");
    }

    private static void judgeDmarc(SenderAuthentication facts, boolean bulk, Findings findings) {
        String domain = facts.from().ascii();
        String suggested = facts.record(RecordKind.DMARC)
                .map(r -> "publish TXT " + r.name() + " \"" + r.value() + "\"")
                .orElse("publish a DMARC record at _dmarc." + domain);
        if (facts.dmarcProblem().isPresent() && facts.dmarcTemporary()) {
            findings.add(
                    CheckVerdict.WARN,
                    "DMARC: DNS did not answer (" + facts.dmarcProblem().get() + ").",
                    "Run the checks again in a minute.");
            return;
        }
        if (facts.dmarc().isEmpty()) {
            String found = facts.dmarcProblem()
                    .map(problem -> "the DMARC record of " + domain + " is broken (" + problem + ")")
                    .orElse("no DMARC record for " + domain + " or its organisational domain");
            findings.add(
                    bulk ? CheckVerdict.FAIL : CheckVerdict.WARN,
                    "DMARC: " + found + "; Gmail and Yahoo require one of bulk senders, and receivers trust mail"
                            + " without one less.",
                    "To start, " + suggested + ", which asks only for reports.");
            return;
        }
        DmarcPolicy policy = facts.dmarc().get();
        if (policy.effectivePolicy() == DmarcRecord.Policy.NONE) {
            findings.add(
                    CheckVerdict.WARN,
                    "DMARC: p=none at _dmarc." + policy.foundAt().ascii() + " asks receivers to do nothing with mail"
                            + " that fails, so others can still send as " + domain + " (it meets Gmail's and"
                            + " Yahoo's minimum).",
                    "Once the aggregate reports show only your own mail, publish p=quarantine, later p=reject.");
        }
    }

    private static String spfProblem(SenderAuthentication facts) {
        String returnPath =
                facts.sendingDomain().orElseThrow().returnPathDomain().ascii();
        if (facts.returnPathVerified()) {
            return "the return path " + returnPath + " passes SPF, but the DMARC record asks for strict SPF"
                    + " alignment (aspf=s), which only the From domain itself meets.";
        }
        return "the return-path domain " + returnPath + " is not verified and "
                + facts.from().ascii() + "'s own SPF does not authorise Outpost, so SPF fails or is not aligned.";
    }

    private static String spfDomain(SenderAuthentication facts) {
        return facts.returnPathVerified()
                ? facts.sendingDomain().orElseThrow().returnPathDomain().ascii()
                : facts.from().ascii();
    }

    private static String policyName(DmarcPolicy policy) {
        return policy.effectivePolicy().name().toLowerCase(Locale.ROOT);
    }
}
