package io.outpost.relay.returns;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.bounce.BounceClass;
import io.outpost.relay.bounce.BounceRules;
import io.outpost.relay.queue.ClassifiedBounce;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.smtp.LogText;
import io.outpost.relay.smtp.ReceivedMessage;
import io.outpost.relay.suppression.SuppressionReason;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes mail that came back to return paths, in place of queueing it: reads it ({@link ReportReader}), and records
 * what it says against the recipient its address names. A permanent failure becomes a BOUNCED event with its class
 * (and a hard one puts the address on its tenant's list); a complaint a COMPLAINED event and a list entry; anything else
 * is taken and dropped. The reply is {@code 250} only once that is committed. Thread-safe.
 */
public final class ReturnedMail {

    private static final Logger LOG = Logger.getLogger(ReturnedMail.class.getName());

    /**
     * The largest message taken: a complaint report carries the message it is about, and a DSN often does too, so as
     * large as the messages Outpost sends; more is no report.
     */
    public static final long MAX_OCTETS = 10L * 1024 * 1024;

    /** The longest evidence kept with a list entry: the start of the report, which says what it is about. */
    static final int MAX_EVIDENCE = 8000;

    // RFC 3463 §3.5: 4.3.0 — the record could not be written; the sender keeps the report and retries.
    private static final SmtpReply NOT_RECORDED =
            SmtpReply.of(451, "4.3.0", "Report not recorded; please try again later");

    /** Where what a report says is recorded: QueueCommits#recordReturned. */
    public interface Recorder {
        /**
         * Records {@code kind} for the recipient, and puts its address on its tenant's list for {@code listed}, in one
         * transaction; false when the recipient is no longer in the queue.
         */
        boolean record(
                long messageId,
                long recipientId,
                EventKind kind,
                String detail,
                Optional<SuppressionReason> listed,
                String evidence);
    }

    private final ReturnPathAddresses addresses;
    private final BounceRules rules;
    private final Recorder recorder;

    public ReturnedMail(ReturnPathAddresses addresses, BounceRules rules, Recorder recorder) {
        this.addresses = addresses;
        this.rules = rules;
        this.recorder = recorder;
    }

    /**
     * True if every recipient is a return path (the intake refuses at RCPT to mix them with other recipients, and any
     * it took there was checked against the queue).
     */
    public boolean isFor(List<EmailAddress> recipients) {
        return !recipients.isEmpty()
                && recipients.stream().allMatch(r -> addresses.ids(r).isPresent());
    }

    /** Reads and records the message; the reply for its DATA. */
    public SmtpReply accept(ReceivedMessage message) {
        if (message.content().size() > MAX_OCTETS) {
            return SmtpReply.of(552, "5.3.4", "Report larger than " + MAX_OCTETS + " octets");
        }
        byte[] bytes;
        try {
            bytes = message.content().toByteArray();
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "report from " + message.client().address() + " not read", e);
            return NOT_RECORDED;
        }
        ReturnedReport report = ReportReader.read(bytes);
        String from = message.client().address().getHostAddress();
        if (report instanceof ReturnedReport.Nothing nothing) {
            LOG.fine(() -> "mail to a return path from " + from + " dropped: " + LogText.of(nothing.why()));
            return SmtpReply.of(250, "2.0.0", "Ok: nothing to record");
        }
        String evidence = evidence(bytes);
        try {
            for (EmailAddress recipient : message.recipients()) {
                ReturnPathToken.Ids ids = addresses.ids(recipient).orElseThrow();
                if (report instanceof ReturnedReport.Failed failed) {
                    BounceClass bounceClass = rules.classify(failed.status(), failed.text());
                    recorder.record(
                            ids.messageId(),
                            ids.recipientId(),
                            EventKind.BOUNCED,
                            ClassifiedBounce.eventDetail(
                                    "bounced after delivery (report from " + from + "): " + failed.status() + " "
                                            + LogText.of(failed.text()),
                                    bounceClass),
                            bounceClass == BounceClass.HARD
                                    ? Optional.of(SuppressionReason.HARD_BOUNCE)
                                    : Optional.empty(),
                            evidence);
                } else {
                    ReturnedReport.Complaint complaint = (ReturnedReport.Complaint) report;
                    recorder.record(
                            ids.messageId(),
                            ids.recipientId(),
                            EventKind.COMPLAINED,
                            "complaint (" + LogText.of(complaint.feedbackType()) + ") reported by "
                                    + LogText.of(complaint.userAgent().isEmpty() ? from : complaint.userAgent())
                                    + " from " + from,
                            Optional.of(SuppressionReason.COMPLAINT),
                            evidence);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "report from " + from + " not recorded", e);
            return NOT_RECORDED;
        }
        return SmtpReply.of(250, "2.0.0", "Ok: report recorded");
    }

    private static String evidence(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_EVIDENCE * 4), StandardCharsets.UTF_8);
        return text.length() <= MAX_EVIDENCE ? text : text.substring(0, MAX_EVIDENCE);
    }
}
