package io.outpost.relay.dnsauth;

import io.outpost.api.mail.Domain;
import java.util.List;
import java.util.Optional;

/**
 * Finds the DMARC record that governs a From domain (RFC 7489 §6.6.3): at {@code _dmarc.<domain>}, else at
 * {@code _dmarc.<organizational domain>}.
 *
 * <p>Where the RFC tells a receiver to skip DMARC (several records, a broken record), this reports the problem as a
 * {@link DmarcLookupException} instead, since an operator verifying a domain needs to know. Safe for concurrent use.
 */
public final class DmarcLookup {

    private final DnsLookups dns;
    private final PublicSuffixes suffixes;

    public DmarcLookup(DnsLookups dns, PublicSuffixes suffixes) {
        this.dns = dns;
        this.suffixes = suffixes;
    }

    /** The governing record, or empty if neither the domain nor its organizational domain publishes one. */
    public Optional<DmarcPolicy> find(Domain from) throws DmarcLookupException {
        Optional<DmarcRecord> own = recordAt(from);
        if (own.isPresent()) {
            return Optional.of(new DmarcPolicy(own.get(), from, false));
        }
        Domain organizational = suffixes.organizationalDomain(from);
        if (organizational.equals(from)) {
            return Optional.empty();
        }
        return recordAt(organizational).map(record -> new DmarcPolicy(record, organizational, true));
    }

    private Optional<DmarcRecord> recordAt(Domain domain) throws DmarcLookupException {
        String name = "_dmarc." + domain.ascii();
        DnsAnswer<String> txt = dns.txt(name);
        if (txt instanceof DnsAnswer.Failure<String> failure) {
            throw new DmarcLookupException(failure.reason(), true);
        }
        // RFC 7489 §6.6.3 step 2: TXT records that are not DMARC records are discarded.
        List<String> records =
                txt.values().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.isEmpty()) {
            return Optional.empty();
        }
        if (records.size() > 1) {
            throw new DmarcLookupException(
                    name + " publishes " + records.size() + " DMARC records; there must be one (RFC 7489 §6.6.3)",
                    false);
        }
        try {
            return Optional.of(DmarcRecord.parse(records.get(0)));
        } catch (DmarcSyntaxException e) {
            throw new DmarcLookupException("DMARC record at " + name + " is invalid: " + e.getMessage(), false);
        }
    }
}
