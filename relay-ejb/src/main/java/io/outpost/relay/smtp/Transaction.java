package io.outpost.relay.smtp;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.content.Spool;
import io.outpost.relay.plugin.PolicyRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one mail transaction (RFC 5321 §3.3) has gathered so far: the MAIL command, the accepted recipients, those a
 * policy refused (for the message's story), and, with
 * CHUNKING, the BDAT chunks received (RFC 3030 §2). Discarded by RSET, EHLO/HELO and at the end of the message;
 * {@link #discard()} then throws away the chunks too.
 */
final class Transaction {

    private final MailFrom mailFrom;
    private final List<EmailAddress> recipients = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private IncomingContent chunks;

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

    /**
     * Notes a recipient a policy refused, for the story of the message the transaction may still become; at most
     * {@code limit} are kept, so a client cannot grow a session's memory with refused recipients.
     */
    void refused(EmailAddress recipient, PolicyRefusal refusal, int limit) {
        if (refusals.size() < limit) {
            refusals.add("recipient " + recipient + " " + refusal.describe());
        }
    }

    /** What {@link #refused} noted, in order. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    boolean chunked() {
        return chunks != null;
    }

    /**
     * The content BDAT chunks are written to, begun from {@code spool} by the first chunk with these rules; from then
     * on DATA is refused (RFC 3030 §2). Empty when the spool has no room left for another message in flight.
     */
    Optional<IncomingContent> chunks(Spool spool, long maxOctets, BareLineEndingPolicy bareLineEndings) {
        if (chunks == null) {
            chunks = spool.incoming()
                    .map(sink -> new IncomingContent(sink, maxOctets, bareLineEndings))
                    .orElse(null);
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
