package io.outpost.relay.queue;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A message in the queue: its envelope sender and its bytes exactly as they will go on the wire (with Outpost's
 * Received header), stored once however many recipients it has. Each recipient is a {@link QueuedRecipient}.
 *
 * <p>The bytes are never read or written through this entity: {@link QueueCommits} streams them in and {@link
 * ContentColumn} out, so a message of many megabytes is never one array in memory. The mapping stays so that the schema
 * has the column.
 */
@Entity
@Table(name = "outpost_message")
@SequenceGenerator(
        name = "outpost_message_ids",
        sequenceName = "outpost_message_seq",
        allocationSize = QueueCommits.ID_BLOCK)
public class QueuedMessage {

    static final int MAX_AUTHENTICATION_NOTE = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_message_ids")
    private long id;

    @Column(name = "envelope_sender", length = 256, nullable = false)
    private ReversePath sender;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    @Column(name = "size_octets", nullable = false)
    private long sizeOctets;

    @Column(name = "smtp_utf8", nullable = false)
    private boolean smtpUtf8;

    /** The domain of the VERP envelope sender used on delivery; null to send with {@link #sender}. */
    @Column(name = "return_path_domain", length = Domain.MAX_LENGTH)
    private Domain returnPathDomain;

    /** How the message was signed and whether it aligns for DMARC, or why not (RFC 7489 §3.1). */
    @Column(name = "authentication", length = MAX_AUTHENTICATION_NOTE)
    private String authentication;

    /** The tenant that submitted it, if any (V7). */
    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    /** The stream it goes on (V17); null for messages from before streams, which went as transactional mail. */
    @Enumerated(EnumType.STRING)
    @Column(name = "stream", length = 16)
    private MessageStream stream;

    /** The topic of its tenant's bulk mail it names, if any (V29). */
    @Column(name = "topic", length = Topic.MAX_LENGTH)
    private String topic;

    /** When its first attempt is due, for a scheduled message (V17). */
    @Column(name = "send_at")
    private Instant sendAt;

    // Written by QueueCommits' insert, read by ContentColumn; never loaded through the entity.
    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false, updatable = false)
    private byte[] content = new byte[0];

    protected QueuedMessage() {}

    public QueuedMessage(
            ReversePath sender,
            Instant receivedAt,
            String clientAddress,
            boolean smtpUtf8,
            long sizeOctets,
            Optional<Domain> returnPathDomain,
            String authentication) {
        this.sender = sender;
        this.returnPathDomain = returnPathDomain.orElse(null);
        this.authentication = authenticationNote(authentication);
        this.receivedAt = receivedAt;
        this.clientAddress = clientAddress;
        this.smtpUtf8 = smtpUtf8;
        this.sizeOctets = sizeOctets;
    }

    /** The note as stored: cut to the column's length. */
    static String authenticationNote(String authentication) {
        return authentication.length() <= MAX_AUTHENTICATION_NOTE
                ? authentication
                : authentication.substring(0, MAX_AUTHENTICATION_NOTE);
    }

    public long id() {
        return id;
    }

    public ReversePath sender() {
        return sender;
    }

    public Optional<Domain> returnPathDomain() {
        return Optional.ofNullable(returnPathDomain);
    }

    public String authentication() {
        return authentication == null ? "" : authentication;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    public long sizeOctets() {
        return sizeOctets;
    }
}
