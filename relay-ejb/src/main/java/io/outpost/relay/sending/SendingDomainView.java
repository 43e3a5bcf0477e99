package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A sending domain as the APIs show it: the records to publish, what the last check found for each, its selectors,
 * and whether it may send.
 *
 * @param checks the last check of each record, in the order of {@code records}; empty before the first check
 * @param readyToSend true once every active selector's DKIM record is verified
 * @param trackingHost the domain's own name for its tracked links, if it has one (used once its CNAME is verified)
 */
public record SendingDomainView(
        TenantId tenant,
        Domain domain,
        Domain returnPathDomain,
        Instant createdAt,
        Optional<Instant> checkedAt,
        List<SelectorView> selectors,
        List<PublishedRecord> records,
        List<CheckView> checks,
        boolean readyToSend,
        Optional<Domain> trackingHost) {

    public SendingDomainView {
        selectors = List.copyOf(selectors);
        records = List.copyOf(records);
        checks = List.copyOf(checks);
    }

    /** A record's last check and since when its status holds. */
    public record CheckView(RecordCheck check, Instant checkedAt, Instant statusSince) {}
}
