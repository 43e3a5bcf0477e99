package io.outpost.relay.delivery;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message Angus Mail sends byte for byte as queued: a relay must not re-encode or re-fold what it relays (RFC 5321
 * §2.3.8 leaves content alone but for dot-stuffing, which the transport's data stream adds on the wire).
 */
final class RawMessage extends SMTPMessage {

    private final byte[] content;

    RawMessage(Session session, byte[] content) {
        super(session);
        this.content = content;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoredHeaders) throws IOException {
        out.write(content);
    }
}
