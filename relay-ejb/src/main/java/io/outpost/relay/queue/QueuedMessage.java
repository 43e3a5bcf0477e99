package io.outpost.relay.queue;

import io.outpost.api.mail.ReversePath;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A message in the queue: its envelope sender and its bytes exactly as they will go on the wire (with Outpost's
 * Received header), stored once however many recipients it has. Each recipient is a {@link QueuedRecipient}.
 */
@Entity
@Table(name = "outpost_message")
@SequenceGenerator(name = "outpost_message_ids", sequenceName = "outpost_message_seq", allocationSize = 500)
public class QueuedMessage {

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

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    private byte[] content;

    protected QueuedMessage() {}

    public QueuedMessage(
            ReversePath sender, Instant receivedAt, String clientAddress, boolean smtpUtf8, byte[] content) {
        this.sender = sender;
        this.receivedAt = receivedAt;
        this.clientAddress = clientAddress;
        this.smtpUtf8 = smtpUtf8;
        this.content = content;
        this.sizeOctets = content.length;
    }

    public long id() {
        return id;
    }

    public ReversePath sender() {
        return sender;
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

    public byte[] content() {
        return content;
    }
}
