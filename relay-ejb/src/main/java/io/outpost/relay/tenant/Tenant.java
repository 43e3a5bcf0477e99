package io.outpost.relay.tenant;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A customer of the relay: its id, a display name and the domains its credentials may send from. */
@Entity
@Table(name = "outpost_tenant")
@SequenceGenerator(name = "outpost_tenant_ids", sequenceName = "outpost_tenant_seq", allocationSize = 10)
public class Tenant {

    /** Longest stored list of sending domains, in characters. */
    public static final int MAX_DOMAINS_LENGTH = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_tenant_ids")
    private long id;

    @Column(name = "tenant_id", length = 63, nullable = false, unique = true)
    private TenantId tenantId;

    @Column(name = "display_name", length = 200, nullable = false)
    private String displayName;

    @Convert(converter = DomainListConverter.class)
    @Column(name = "sending_domains", length = MAX_DOMAINS_LENGTH, nullable = false)
    private List<Domain> sendingDomains;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Tenant() {}

    public Tenant(TenantId tenantId, String displayName, List<Domain> sendingDomains, Instant createdAt) {
        this.tenantId = tenantId;
        this.displayName = displayName;
        this.sendingDomains = List.copyOf(sendingDomains);
        this.createdAt = createdAt;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public String displayName() {
        return displayName;
    }

    public List<Domain> sendingDomains() {
        return List.copyOf(sendingDomains);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void changeSendingDomains(List<Domain> domains) {
        this.sendingDomains = List.copyOf(domains);
    }

    TenantView view() {
        return new TenantView(tenantId, displayName, sendingDomains(), createdAt);
    }
}
