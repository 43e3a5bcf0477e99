package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A change in a sending domain's DNS status — a record appeared, vanished or went wrong — or in its keys (rotation,
 * activation, retirement). Kept as history for the owner; webhooks will deliver the same events.
 */
@Entity
@Table(
        name = "outpost_domain_event",
        indexes = @Index(name = "outpost_domain_event_by_domain", columnList = "domain, occurred_at"))
@SequenceGenerator(name = "outpost_domain_event_ids", sequenceName = "outpost_domain_event_seq", allocationSize = 20)
public class DomainEvent {

    /** What happened. */
    public enum Kind {
        /** The domain was added to a tenant. */
        DOMAIN_ADDED,
        /** The domain was removed, with its keys. */
        DOMAIN_REMOVED,
        /** A record's check changed status. */
        RECORD_STATUS,
        /** New selectors were generated for publishing. */
        ROTATION_STARTED,
        /** Pending selectors verified and now sign; the previous ones retire after the overlap. */
        SELECTOR_ACTIVATED,
        /** A selector's overlap ended and its private key was erased. */
        SELECTOR_RETIRED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_domain_event_ids")
    private long id;

    @Column(name = "tenant_id", length = 63, nullable = false)
    private TenantId tenant;

    @Column(name = "domain", length = Domain.MAX_LENGTH, nullable = false)
    private Domain domain;

    @Column(name = "occurred_at", nullable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 20, nullable = false)
    private Kind kind;

    /** The DNS name or selector concerned. */
    @Column(name = "subject", length = 300, nullable = false)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_status", length = 10)
    private CheckStatus previousStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 10)
    private CheckStatus status;

    @Column(name = "detail", length = StoredRecordCheck.MAX_TEXT, nullable = false)
    private String detail;

    protected DomainEvent() {}

    private DomainEvent(
            SendingDomain domain,
            Instant at,
            Kind kind,
            String subject,
            CheckStatus previousStatus,
            CheckStatus status,
            String detail) {
        this.tenant = domain.tenant().tenantId();
        this.domain = domain.domain();
        this.at = at;
        this.kind = kind;
        this.subject = subject;
        this.previousStatus = previousStatus;
        this.status = status;
        this.detail = detail.length() <= StoredRecordCheck.MAX_TEXT
                ? detail
                : detail.substring(0, StoredRecordCheck.MAX_TEXT);
    }

    static DomainEvent recordStatus(
            SendingDomain domain, Instant at, RecordCheck check, Optional<CheckStatus> previous) {
        return new DomainEvent(
                domain,
                at,
                Kind.RECORD_STATUS,
                check.kind() + " " + check.name(),
                previous.orElse(null),
                check.status(),
                check.detail());
    }

    static DomainEvent keys(SendingDomain domain, Instant at, Kind kind, String selector, String detail) {
        return new DomainEvent(domain, at, kind, selector, null, null, detail);
    }

    DomainEventView view() {
        return new DomainEventView(
                tenant,
                domain,
                at,
                kind,
                subject,
                Optional.ofNullable(previousStatus),
                Optional.ofNullable(status),
                detail);
    }
}
