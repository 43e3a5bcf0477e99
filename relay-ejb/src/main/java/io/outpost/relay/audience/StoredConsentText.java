package io.outpost.relay.audience;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code outpost_consent_text} (V26__audiences.sql), never changed once written. */
@Entity
@Table(name = "outpost_consent_text")
@SequenceGenerator(name = "outpost_consent_text_ids", sequenceName = "outpost_consent_text_seq", allocationSize = 10)
class StoredConsentText {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_consent_text_ids")
    private long id;

    @Column(name = "audience_id", nullable = false, updatable = false)
    private long audienceId;

    @Column(name = "version", nullable = false, updatable = false)
    private int version;

    @Column(name = "wording", length = ConsentText.MAX_LENGTH, nullable = false, updatable = false)
    private String wording;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected StoredConsentText() {}

    StoredConsentText(long audienceId, int version, String wording, Instant createdAt) {
        this.audienceId = audienceId;
        this.version = version;
        this.wording = wording;
        this.createdAt = createdAt;
    }

    ConsentText view() {
        return new ConsentText(version, wording, createdAt);
    }
}
