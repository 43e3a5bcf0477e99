package io.outpost.relay.sending;

import io.outpost.relay.dnsauth.DmarcPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check of a sending domain's DNS records found.
 *
 * @param checks one per record of {@link RecordsToPublish#of}, in the same order
 * @param dmarc the DMARC policy that governs the domain, own or inherited, when one was found
 */
public record VerificationReport(List<RecordCheck> checks, Optional<DmarcPolicy> dmarc) {

    public VerificationReport {
        checks = List.copyOf(checks);
        Objects.requireNonNull(dmarc, "dmarc");
    }

    /** True if the DKIM key of {@code selector} is published as Outpost expects. */
    public boolean dkimVerified(String selector) {
        String prefix = selector + "._domainkey.";
        return checks.stream()
                .anyMatch(check -> check.kind() == RecordKind.DKIM
                        && check.name().startsWith(prefix)
                        && check.status() == CheckStatus.FOUND);
    }

    /** The check of the record of {@code kind} at {@code name}. */
    public Optional<RecordCheck> check(RecordKind kind, String name) {
        return checks.stream()
                .filter(check -> check.kind() == kind && check.name().equalsIgnoreCase(name))
                .findFirst();
    }
}
