package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.dnsauth.DmarcRecord;
import java.util.List;
import java.util.Optional;

/**
 * What intake needs to know of a sending domain to sign and route a message: its active keys and what the last DNS
 * check found.
 *
 * @param signingKeys the active keys, RSA first
 * @param unverifiedDkim the DKIM records of active selectors that did not verify, with their status, for the refusal
 * @param dkimUndetermined true if no unverified record was found missing or wrong: they are not checked yet, or DNS
 *     did not answer, so a refusal should be temporary
 * @param returnPath the return-path domain, present only once its MX record verified (else bounces to it would be lost)
 * @param domainSpfPasses the domain's own SPF authorises Outpost's addresses
 * @param returnPathSpfPasses the return-path domain's SPF authorises them
 * @param dkimAlignment the DMARC record's {@code adkim}; empty when the domain has no DMARC record
 * @param spfAlignment the DMARC record's {@code aspf}; empty when the domain has no DMARC record
 * @param trackingHost the domain's own name for its tracked links, once its CNAME is checked
 */
public record SigningProfile(
        TenantId tenant,
        Domain domain,
        List<DkimKey> signingKeys,
        List<String> unverifiedDkim,
        boolean dkimUndetermined,
        Optional<Domain> returnPath,
        boolean domainSpfPasses,
        boolean returnPathSpfPasses,
        Optional<DmarcRecord.Alignment> dkimAlignment,
        Optional<DmarcRecord.Alignment> spfAlignment,
        Optional<Domain> trackingHost) {

    /** A profile whose domain has no tracking host of its own. */
    public SigningProfile(
            TenantId tenant,
            Domain domain,
            List<DkimKey> signingKeys,
            List<String> unverifiedDkim,
            boolean dkimUndetermined,
            Optional<Domain> returnPath,
            boolean domainSpfPasses,
            boolean returnPathSpfPasses,
            Optional<DmarcRecord.Alignment> dkimAlignment,
            Optional<DmarcRecord.Alignment> spfAlignment) {
        this(
                tenant,
                domain,
                signingKeys,
                unverifiedDkim,
                dkimUndetermined,
                returnPath,
                domainSpfPasses,
                returnPathSpfPasses,
                dkimAlignment,
                spfAlignment,
                Optional.empty());
    }

    public SigningProfile {
        signingKeys = List.copyOf(signingKeys);
        unverifiedDkim = List.copyOf(unverifiedDkim);
    }

    /** True if every active selector's record verified. */
    public boolean dkimVerified() {
        return unverifiedDkim.isEmpty() && !signingKeys.isEmpty();
    }
}
