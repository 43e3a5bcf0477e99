package io.outpost.relay.dnsauth;

import io.outpost.api.mail.Domain;
import java.util.Objects;

/**
 * The DMARC record that governs a From domain and where it was found.
 *
 * @param foundAt the domain whose {@code _dmarc} name held the record
 * @param inherited true if it came from the organizational domain because the From domain has none (RFC 7489 §6.6.3)
 */
public record DmarcPolicy(DmarcRecord record, Domain foundAt, boolean inherited) {

    public DmarcPolicy {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(foundAt, "foundAt");
    }

    /** The policy that applies to the From domain: {@code sp} for an inherited record, else {@code p} (§6.3). */
    public DmarcRecord.Policy effectivePolicy() {
        return inherited ? record.subdomainPolicy() : record.policy();
    }
}
