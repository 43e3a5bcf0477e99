package io.outpost.relay.delivery;

import io.outpost.relay.content.MessageContent;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message Angus Mail sends byte for byte as queued: a relay must not re-encode or re-fold what it relays (RFC 5321
 * §2.3.8 leaves content alone but for dot-stuffing, which the transport's data stream adds on the wire).
 */
final class RawMessage extends SMTPMessage {

    private final MessageContent content;

    RawMessage(Session session, MessageContent content) {
        super(session);
        this.content = content;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoredHeaders) throws IOException {
        // Streamed from memory or the spool file: a large message is never one array here.
        content.writeTo(out);
    }
}
