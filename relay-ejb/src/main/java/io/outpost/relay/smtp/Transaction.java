package io.outpost.relay.smtp;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.content.ContentSink;
import io.outpost.relay.content.Spool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one mail transaction (RFC 5321 §3.3) has gathered so far: the MAIL command, the accepted recipients and, with
 * CHUNKING, the BDAT chunks received (RFC 3030 §2). Discarded by RSET, EHLO/HELO and at the end of the message;
 * {@link #discard()} then throws away the chunks too.
 */
final class Transaction {

    private final MailFrom mailFrom;
    private final List<EmailAddress> recipients = new ArrayList<>();
    private ContentSink chunks;

    Transaction(MailFrom mailFrom) {
        this.mailFrom = mailFrom;
    }

    MailFrom mailFrom() {
        return mailFrom;
    }

    List<EmailAddress> recipients() {
        return List.copyOf(recipients);
    }

    int recipientCount() {
        return recipients.size();
    }

    void addRecipient(EmailAddress recipient) {
        recipients.add(recipient);
    }

    boolean chunked() {
        return chunks != null;
    }

    /**
     * Where BDAT chunks are appended, opened from {@code spool} by the first chunk; from then on DATA is refused (RFC
     * 3030 §2). Empty when the spool has no room left for another message in flight.
     */
    Optional<ContentSink> chunks(Spool spool) {
        if (chunks == null) {
            chunks = spool.incoming().orElse(null);
        }
        return Optional.ofNullable(chunks);
    }

    /** Throws away any chunks not handed over as a message. */
    void discard() {
        if (chunks != null) {
            chunks.close();
        }
    }
}
