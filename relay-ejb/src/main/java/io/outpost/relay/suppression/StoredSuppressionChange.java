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

/** A row of {@code outpost_suppression_change} (V23__suppression_list.sql), never changed once written. */
@Entity
@Table(name = "outpost_suppression_change")
@SequenceGenerator(
        name = "outpost_suppression_change_ids",
        sequenceName = "outpost_suppression_change_seq",
        allocationSize = 10)
class StoredSuppressionChange {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_suppression_change_ids")
    private long id;

    @Embedded
    private ListPlace place;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_kind", length = 10, nullable = false, updatable = false)
    private SuppressionChange.Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason", length = 20, nullable = false, updatable = false)
    private SuppressionReason reason;

    @Column(name = "actor", length = 255, nullable = false, updatable = false)
    private String actor;

    @Column(name = "note", length = SuppressionEntry.MAX_NOTE, updatable = false)
    private String note;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    protected StoredSuppressionChange() {}

    StoredSuppressionChange(SuppressionChange change) {
        this.place = new ListPlace(change.scope(), change.target());
        this.kind = change.kind();
        this.reason = change.reason();
        this.actor = change.actor();
        this.note = change.note().orElse(null);
        this.occurredAt = change.occurredAt();
    }

    SuppressionChange view() {
        return new SuppressionChange(
                place.scope(), place.target(), kind, reason, actor, Optional.ofNullable(note), occurredAt);
    }
}
