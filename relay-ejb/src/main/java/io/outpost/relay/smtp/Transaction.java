package io.outpost.relay.smtp;

import io.outpost.api.mail.EmailAddress;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What one mail transaction (RFC 5321 §3.3) has gathered so far: the MAIL command, the accepted recipients and, with
 * CHUNKING, the BDAT chunks received (RFC 3030 §2). Discarded by RSET, EHLO/HELO and at the end of the message.
 */
final class Transaction {

    private final MailFrom mailFrom;
    private final List<EmailAddress> recipients = new ArrayList<>();
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private boolean chunked;

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
        return chunked;
    }

    /** The buffer BDAT chunks are appended to; from the first chunk on, DATA is refused (RFC 3030 §2). */
    ByteArrayOutputStream chunks() {
        chunked = true;
        return chunks;
    }
}
