package io.outpost.relay.tenant;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.tracking.TrackingOptions;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer of the relay: its id and a display name. Its sending domains are {@code sending.SendingDomain}s. */
@Entity
@Table(name = "outpost_tenant")
@SequenceGenerator(name = "outpost_tenant_ids", sequenceName = "outpost_tenant_seq", allocationSize = 10)
public class Tenant {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_tenant_ids")
    private long id;

    @Column(name = "tenant_id", length = 63, nullable = false, unique = true)
    private TenantId tenantId;

    @Column(name = "display_name", length = 200, nullable = false)
    private String displayName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** True while its messages are captured (kept as they would leave) rather than delivered. */
    @Column(name = "capture", nullable = false)
    private boolean capture;

    /** The stream its messages go on when neither they nor their API key or SMTP credential name one. */
    @Enumerated(EnumType.STRING)
    @Column(name = "default_stream", length = 16, nullable = false)
    private MessageStream defaultStream = MessageStream.TRANSACTIONAL;

    /** What its messages on each stream track when they do not say ({@code TrackingOptions#stored}); null: default. */
    @Column(name = "tracking_bulk", length = 32)
    private String trackingBulk;

    @Column(name = "tracking_transactional", length = 32)
    private String trackingTransactional;

    /** True if its recipients on a suppression list are refused at RCPT rather than accepted and held before delivery. */
    @Column(name = "refuse_suppressed_at_rcpt", nullable = false)
    private boolean refuseSuppressedAtRcpt;

    protected Tenant() {}

    public Tenant(TenantId tenantId, String displayName, Instant createdAt) {
        this.tenantId = tenantId;
        this.displayName = displayName;
        this.createdAt = createdAt;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public String displayName() {
        return displayName;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean capture() {
        return capture;
    }

    void capture(boolean value) {
        this.capture = value;
    }

    public boolean refuseSuppressedAtRcpt() {
        return refuseSuppressedAtRcpt;
    }

    void refuseSuppressedAtRcpt(boolean value) {
        this.refuseSuppressedAtRcpt = value;
    }

    public MessageStream defaultStream() {
        return defaultStream;
    }

    void defaultStream(MessageStream stream) {
        this.defaultStream = stream;
    }

    /** What its messages on {@code stream} track when they do not say. */
    public TrackingOptions tracking(MessageStream stream) {
        String stored = stream == MessageStream.BULK ? trackingBulk : trackingTransactional;
        return stored == null ? TrackingOptions.defaultFor(stream) : TrackingOptions.ofStored(stored);
    }

    void tracking(MessageStream stream, TrackingOptions options) {
        if (stream == MessageStream.BULK) {
            trackingBulk = options.stored();
        } else {
            trackingTransactional = options.stored();
        }
    }

    TenantView view() {
        return new TenantView(
                tenantId,
                displayName,
                createdAt,
                capture,
                defaultStream,
                tracking(MessageStream.TRANSACTIONAL),
                tracking(MessageStream.BULK),
                refuseSuppressedAtRcpt);
    }
}
