package io.outpost.relay.smtp;

import io.outpost.api.mail.EmailAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What one mail transaction (RFC 5321 §3.3) has gathered so far: the MAIL command, the accepted recipients and, with
 * CHUNKING, the BDAT chunks received (RFC 3030 §2). Discarded by RSET, EHLO/HELO and at the end of the message.
 */
final class Transaction {

    private final MailFrom mailFrom;
    private final List<EmailAddress> recipients = new ArrayList<>();
    private MessageContent chunks;

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

    /** True if the transaction already has this mailbox ({@link EmailAddress#isSameMailbox}), in any spelling. */
    boolean hasMailbox(EmailAddress recipient) {
        return recipients.stream().anyMatch(recipient::isSameMailbox);
    }

    /** Adds the recipient unless its mailbox is already there: it is delivered once and counts once against limits. */
    void addRecipient(EmailAddress recipient) {
        if (!hasMailbox(recipient)) {
            recipients.add(recipient);
        }
    }

    boolean chunked() {
        return chunks != null;
    }

    /**
     * The content BDAT chunks are written to, begun by the first chunk with these rules; from then on DATA is refused
     * (RFC 3030 §2).
     */
    MessageContent chunks(long maxOctets, BareLineEndingPolicy bareLineEndings) {
        if (chunks == null) {
            chunks = new MessageContent(maxOctets, bareLineEndings);
        }
        return chunks;
    }
}
