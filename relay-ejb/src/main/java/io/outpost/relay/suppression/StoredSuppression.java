package io.outpost.relay.suppression;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** A row of {@code outpost_suppression} (V23__suppression_list.sql). */
@Entity
@Table(name = "outpost_suppression")
@SequenceGenerator(name = "outpost_suppression_ids", sequenceName = "outpost_suppression_seq", allocationSize = 10)
class StoredSuppression {

    static final int MAX_EVIDENCE = 8000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_suppression_ids")
    private long id;

    @Embedded
    private ListPlace place;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason", length = 20, nullable = false)
    private SuppressionReason reason;

    @Column(name = "message_id")
    private Long messageId;

    @Column(name = "evidence", length = MAX_EVIDENCE)
    private String evidence;

    @Column(name = "note", length = SuppressionEntry.MAX_NOTE)
    private String note;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected StoredSuppression() {}

    StoredSuppression(SuppressionEntry entry) {
        this.place = new ListPlace(entry.scope(), entry.target());
        this.reason = entry.reason();
        this.messageId = entry.messageId().isPresent() ? entry.messageId().getAsLong() : null;
        this.evidence = entry.evidence().map(text -> cut(text, MAX_EVIDENCE)).orElse(null);
        this.note = entry.note().orElse(null);
        this.createdAt = entry.createdAt();
        this.expiresAt = entry.expiresAt().orElse(null);
    }

    long id() {
        return id;
    }

    SuppressionEntry view() {
        return new SuppressionEntry(
                place.scope(),
                place.target(),
                reason,
                messageId == null ? OptionalLong.empty() : OptionalLong.of(messageId),
                Optional.ofNullable(evidence),
                Optional.ofNullable(note),
                createdAt,
                Optional.ofNullable(expiresAt));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
