package io.outpost.relay.sending;

import io.outpost.relay.dkim.DkimKey;
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
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Optional;

/**
 * One DKIM key of a sending domain under its selector: the private key sealed with the operator's data key (never
 * stored or shown in clear), the public key's TXT record, and its state.
 */
@Entity
@Table(
        name = "outpost_dkim_selector",
        uniqueConstraints = @UniqueConstraint(columnNames = {"sending_domain", "selector"}))
@SequenceGenerator(name = "outpost_dkim_selector_ids", sequenceName = "outpost_dkim_selector_seq", allocationSize = 10)
public class DkimSelector {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_dkim_selector_ids")
    private long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "sending_domain", nullable = false)
    private SendingDomain domain;

    @Column(name = "selector", length = 63, nullable = false)
    private String selector;

    @Enumerated(EnumType.STRING)
    @Column(name = "algorithm", length = 20, nullable = false)
    private DkimKey.Algorithm algorithm;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 10, nullable = false)
    private SelectorState state;

    /** The PKCS#8 private key sealed by {@code DataKey.seal}; null once retired. */
    @Column(name = "sealed_private_key", length = 4000)
    private String sealedPrivateKey;

    @Column(name = "public_record", length = 1000, nullable = false)
    private String publicRecord;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "retire_at")
    private Instant retireAt;

    protected DkimSelector() {}

    DkimSelector(
            SendingDomain domain,
            String selector,
            DkimKey.Algorithm algorithm,
            SelectorState state,
            String sealedPrivateKey,
            String publicRecord,
            Instant createdAt) {
        this.domain = domain;
        this.selector = selector;
        this.algorithm = algorithm;
        this.state = state;
        this.sealedPrivateKey = sealedPrivateKey;
        this.publicRecord = publicRecord;
        this.createdAt = createdAt;
        if (state == SelectorState.ACTIVE) {
            this.activatedAt = createdAt;
        }
    }

    public String selector() {
        return selector;
    }

    public DkimKey.Algorithm algorithm() {
        return algorithm;
    }

    public SelectorState state() {
        return state;
    }

    public Optional<String> sealedPrivateKey() {
        return Optional.ofNullable(sealedPrivateKey);
    }

    public String publicRecord() {
        return publicRecord;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> activatedAt() {
        return Optional.ofNullable(activatedAt);
    }

    public Optional<Instant> retireAt() {
        return Optional.ofNullable(retireAt);
    }

    void activate(Instant at) {
        state = SelectorState.ACTIVE;
        activatedAt = at;
    }

    void startRetiring(Instant retireAt) {
        state = SelectorState.RETIRING;
        this.retireAt = retireAt;
    }

    /** Retires it for good: the private key is erased, so nothing can sign with this selector again. */
    void retire() {
        state = SelectorState.RETIRED;
        sealedPrivateKey = null;
    }

    SelectorView view() {
        return new SelectorView(selector, algorithm, state, createdAt, activatedAt(), retireAt());
    }
}
