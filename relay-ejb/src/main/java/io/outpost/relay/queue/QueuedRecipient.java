package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One recipient of a queued message, the unit of delivery: its state, attempts, when it is next due and the last reply
 * its destination gave.
 *
 * <p>{@code nextAttemptAt} does double duty as the claim: a worker that takes a recipient pushes it forward by the
 * lease, so a crashed worker's recipients come due again by themselves; final recipients have none, so the index on
 * it holds only what is still to be delivered and a claim stays a short range scan however many rows are queued.
 *
 * <p>{@code claimToken} fences the attempts: each claim writes a new token, and an attempt's outcome is recorded only
 * while the row still carries the token of its claim. An attempt that outlived its lease, and was claimed again, thus
 * cannot overwrite what the newer attempt records; recording clears the token, so a final state is never overwritten.
 * The rows are written in plain JDBC ({@link QueueCommits}, {@link ClaimFence}); this entity reads them.
 */
@Entity
@Table(
        name = "outpost_recipient",
        indexes = {
            @Index(name = "outpost_recipient_due", columnList = "next_attempt_at"),
            @Index(name = "outpost_recipient_message", columnList = "message_id")
        })
@SequenceGenerator(
        name = "outpost_recipient_ids",
        sequenceName = "outpost_recipient_seq",
        allocationSize = QueueCommits.ID_BLOCK)
public class QueuedRecipient {

    static final int MAX_REPLY = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_recipient_ids")
    private long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "message_id", nullable = false)
    private QueuedMessage message;

    @Column(name = "address", length = 256, nullable = false)
    private EmailAddress address;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 16, nullable = false)
    private RecipientState state;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Column(name = "claim_token")
    private Long claimToken;

    @Column(name = "last_reply", length = MAX_REPLY)
    private String lastReply;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected QueuedRecipient() {}

    /** A new recipient, due now and, when {@code claimedBy} is set, already leased to that node until {@code due}. */
    public QueuedRecipient(QueuedMessage message, EmailAddress address, Instant due, String claimedBy, Instant now) {
        this.message = message;
        this.address = address;
        this.state = RecipientState.QUEUED;
        this.nextAttemptAt = due;
        this.claimedBy = claimedBy;
        this.updatedAt = now;
    }

    public long id() {
        return id;
    }

    public QueuedMessage message() {
        return message;
    }

    public EmailAddress address() {
        return address;
    }

    public RecipientState state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastReply() {
        return lastReply;
    }

    /** A remote reply as stored: cut to the column's length. */
    static String replyNote(String reply) {
        return reply == null || reply.length() <= MAX_REPLY ? reply : reply.substring(0, MAX_REPLY);
    }
}
