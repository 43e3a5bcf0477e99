package io.outpost.relay.checks;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dnsauth.DmarcPolicy;
import io.outpost.relay.dnsauth.DmarcRecord;
import io.outpost.relay.sending.CheckStatus;
import io.outpost.relay.sending.PublishedRecord;
import io.outpost.relay.sending.RecordKind;
import io.outpost.relay.sending.SendingDomainView;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What decides whether mail From a domain authenticates, as Outpost would send it: the tenant's sending domain of that
 * name with its last DNS check (DKIM, SPF, return path), and the DMARC policy DNS shows now.
 *
 * @param from the From address's domain
 * @param tenantDomains the tenant's sending domains, to name them when {@code from} is not one
 * @param sendingDomain the tenant's sending domain {@code from}, if it is one
 * @param dmarc the DMARC policy that governs {@code from}, own or inherited, if one was found
 * @param dmarcProblem why no policy could be read (a broken record, or DNS did not answer), if so
 * @param dmarcTemporary whether that problem is DNS not answering, which a later check may not meet
 */
record SenderAuthentication(
        Domain from,
        List<Domain> tenantDomains,
        Optional<SendingDomainView> sendingDomain,
        Optional<DmarcPolicy> dmarc,
        Optional<String> dmarcProblem,
        boolean dmarcTemporary) {

    SenderAuthentication {
        tenantDomains = List.copyOf(tenantDomains);
    }

    /** Outpost signs with the domain's own DKIM keys (d= the From domain, so aligned): once they are verified. */
    boolean dkimSigns() {
        return sendingDomain.map(SendingDomainView::readyToSend).orElse(false);
    }

    /**
     * Whether SPF passes for the envelope sender and that domain is aligned with From (RFC 7489 §3.1.2). With a verified
     * return path (its MX and SPF found) the envelope sender is on the return-path domain, a subdomain of From: aligned
     * under relaxed alignment only. Without one the client's own envelope sender is kept, which for mail from the
     * template is the From address: the domain's own SPF then counts.
     */
    boolean spfAligned() {
        if (sendingDomain.isEmpty()) {
            return false;
        }
        if (returnPathVerified()) {
            boolean relaxed = dmarc.map(policy -> policy.record().spfAlignment() == DmarcRecord.Alignment.RELAXED)
                    .orElse(true);
            return relaxed && sendingDomain.get().returnPathDomain().isWithin(from);
        }
        return found(RecordKind.SPF);
    }

    /** Whether SPF passes for the envelope sender Outpost uses, aligned or not. */
    boolean spfPasses() {
        return returnPathVerified() || found(RecordKind.SPF);
    }

    boolean returnPathVerified() {
        return found(RecordKind.RETURN_PATH_MX) && found(RecordKind.RETURN_PATH_SPF);
    }

    /** The records of {@code kind} the owner should publish whose last check did not find them. */
    List<PublishedRecord> unpublished(RecordKind kind) {
        return sendingDomain
                .map(view -> view.records().stream()
                        .filter(record -> record.kind() == kind)
                        .filter(record -> view.checks().stream()
                                .noneMatch(c -> c.check().kind() == kind
                                        && c.check().name().equalsIgnoreCase(record.name())
                                        && c.check().status() == CheckStatus.FOUND))
                        .toList())
                .orElse(List.of());
    }

    /** The record of {@code kind} to publish, as the Domains page shows it. */
    Optional<PublishedRecord> record(RecordKind kind) {
        return sendingDomain.flatMap(
                view -> view.records().stream().filter(r -> r.kind() == kind).findFirst());
    }

    private boolean found(RecordKind kind) {
        return sendingDomain
                .map(view -> view.checks().stream()
                        .anyMatch(c -> c.check().kind() == kind && c.check().status() == CheckStatus.FOUND))
                .orElse(false);
    }

    /** "Publish TXT name: value" for each record, as an owner pastes them into a zone. */
    static String publish(List<PublishedRecord> records) {
        return records.stream()
                .map(r -> "publish " + r.type() + " " + r.name() + " \"" + r.value() + "\"")
                .collect(Collectors.joining("; "));
    }
}
