package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dnsauth.DmarcRecord;
import io.outpost.relay.tenant.Tenant;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A domain a tenant sends from: its DKIM selectors, its return-path domain, and what the last check found in DNS. A
 * domain belongs to one tenant at most, so its keys and its reputation are never shared.
 */
@Entity
@Table(name = "outpost_sending_domain")
@SequenceGenerator(
        name = "outpost_sending_domain_ids",
        sequenceName = "outpost_sending_domain_seq",
        allocationSize = 10)
public class SendingDomain {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_sending_domain_ids")
    private long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "tenant", nullable = false)
    private Tenant tenant;

    @Column(name = "domain", length = Domain.MAX_LENGTH, nullable = false, unique = true)
    private Domain domain;

    @Column(name = "return_path_domain", length = Domain.MAX_LENGTH, nullable = false)
    private Domain returnPathDomain;

    /** The domain's own name for its tracking links, a CNAME to Outpost's tracking host (V21); null: none. */
    @Column(name = "tracking_host", length = Domain.MAX_LENGTH)
    private Domain trackingHost;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "checked_at")
    private Instant checkedAt;

    /** The DMARC record's {@code adkim} at the last check; null when the domain had no DMARC record. */
    @Enumerated(EnumType.STRING)
    @Column(name = "dmarc_adkim", length = 10)
    private DmarcRecord.Alignment dmarcDkimAlignment;

    /** The DMARC record's {@code aspf} at the last check; null when the domain had no DMARC record. */
    @Enumerated(EnumType.STRING)
    @Column(name = "dmarc_aspf", length = 10)
    private DmarcRecord.Alignment dmarcSpfAlignment;

    @OneToMany(mappedBy = "domain", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt, selector")
    private List<DkimSelector> selectors = new ArrayList<>();

    @OneToMany(mappedBy = "domain", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<StoredRecordCheck> checks = new ArrayList<>();

    protected SendingDomain() {}

    SendingDomain(Tenant tenant, Domain domain, Domain returnPathDomain, Instant createdAt) {
        this.tenant = tenant;
        this.domain = domain;
        this.returnPathDomain = returnPathDomain;
        this.createdAt = createdAt;
    }

    public long id() {
        return id;
    }

    public Tenant tenant() {
        return tenant;
    }

    public Domain domain() {
        return domain;
    }

    public Domain returnPathDomain() {
        return returnPathDomain;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Domain> trackingHost() {
        return Optional.ofNullable(trackingHost);
    }

    void trackingHost(Optional<Domain> host) {
        this.trackingHost = host.orElse(null);
    }

    public Optional<Instant> checkedAt() {
        return Optional.ofNullable(checkedAt);
    }

    public Optional<DmarcRecord.Alignment> dmarcDkimAlignment() {
        return Optional.ofNullable(dmarcDkimAlignment);
    }

    public Optional<DmarcRecord.Alignment> dmarcSpfAlignment() {
        return Optional.ofNullable(dmarcSpfAlignment);
    }

    List<DkimSelector> selectors() {
        return selectors;
    }

    List<StoredRecordCheck> checks() {
        return checks;
    }

    /** The selectors in {@code state}, oldest first. */
    List<DkimSelector> selectors(SelectorState state) {
        return selectors.stream().filter(s -> s.state() == state).toList();
    }

    void add(DkimSelector selector) {
        selectors.add(selector);
    }

    Optional<StoredRecordCheck> check(RecordKind kind, String name) {
        return checks.stream()
                .filter(c -> c.kind() == kind && c.name().equals(name))
                .findFirst();
    }

    void add(StoredRecordCheck check) {
        checks.add(check);
    }

    /** Forgets checks of records no longer expected (a retired selector, an SPF the operator stopped configuring). */
    void keepChecksOf(List<RecordCheck> current) {
        checks.removeIf(stored -> current.stream()
                .noneMatch(c -> c.kind() == stored.kind() && c.name().equals(stored.name())));
    }

    /** Due for a check at the next round, as a new domain is. */
    void markUnchecked() {
        checkedAt = null;
    }

    void checked(Instant at) {
        checkedAt = at;
    }

    void checked(Instant at, Optional<DmarcRecord> dmarc) {
        checkedAt = at;
        dmarcDkimAlignment = dmarc.map(DmarcRecord::dkimAlignment).orElse(null);
        dmarcSpfAlignment = dmarc.map(DmarcRecord::spfAlignment).orElse(null);
    }
}
