package io.outpost.relay.returns;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.bounce.BounceClass;
import io.outpost.relay.bounce.BounceRules;
import io.outpost.relay.queue.ClassifiedBounce;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.queue.QueueCommits.ReturnedConsequence;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.smtp.LogText;
import io.outpost.relay.smtp.ReceivedMessage;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
         * Records {@code kind} for the recipient and what it does to its address ({@code consequence}), in one
         * transaction; false when the recipient is no longer in the queue.
         */
        boolean record(
                long messageId,
                long recipientId,
                EventKind kind,
                String detail,
                ReturnedConsequence consequence,
                String evidence);
    }

    /** Where mail to an unsubscribe address is recorded: QueueCommits#recordMailUnsubscribe. */
    public interface Unsubscriber {
        /**
         * Puts {@code recipient} on its tenant's list for the bulk stream and records UNSUBSCRIBED on the message, in
         * one transaction; nothing more the second time. False when the message's row is gone.
         */
        boolean unsubscribe(long messageId, EmailAddress recipient, String detail);
    }

    private final ReturnPathAddresses addresses;
    private final BounceRules rules;
    private final Recorder recorder;
    private final Unsubscriber unsubscriber;
    private final ReportRate rate;

    /** @param reportsPerMinute messages to return paths one client may send a minute; the rest are deferred */
    public ReturnedMail(
            ReturnPathAddresses addresses,
            BounceRules rules,
            Recorder recorder,
            Unsubscriber unsubscriber,
            int reportsPerMinute) {
        this.rate = new ReportRate(reportsPerMinute, System::nanoTime);
        this.addresses = addresses;
        this.rules = rules;
        this.recorder = recorder;
        this.unsubscriber = unsubscriber;
    }

    /**
     * True if every recipient is a return path (the intake refuses at RCPT to mix them with other recipients, and any
     * it took there was checked against the queue).
     */
    public boolean isFor(List<EmailAddress> recipients) {
        return !recipients.isEmpty() && recipients.stream().allMatch(addresses::isReadHere);
    }

    /** Reads and records the message; the reply for its DATA. */
    public SmtpReply accept(ReceivedMessage message) {
        if (!rate.allow(message.client().address())) {
            // RFC 3463 X.7.0: a policy's temporary refusal; a real feedback loop or MTA tries again later.
            return SmtpReply.of(451, "4.7.0", "Too many reports from your address this minute; try again later");
        }
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
        String from = message.client().address().getHostAddress();
        List<EmailAddress> returnPaths = new ArrayList<>();
        try {
            for (EmailAddress recipient : message.recipients()) {
                if (addresses.ids(recipient).isPresent()) {
                    returnPaths.add(recipient);
                } else if (addresses.match(recipient) instanceof ReturnPathMatch.Unsubscribe asked) {
                    // RFC 2369 §3.2: any mail to the mailto: address asks to leave the list, whatever it says.
                    unsubscriber.unsubscribe(
                            asked.messageId(),
                            asked.recipient(),
                            "mail to the mailto: address from " + from + "; envelope sender "
                                    + LogText.of(message.sender().toString()));
                }
            }
            if (!returnPaths.isEmpty()) {
                record(ReportReader.read(bytes), returnPaths, from, bytes);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mail to a return path from " + from + " not recorded", e);
            return NOT_RECORDED;
        }
        return SmtpReply.of(250, "2.0.0", "Ok: recorded");
    }

    private static ReturnedConsequence consequence(BounceClass bounceClass) {
        if (bounceClass == BounceClass.HARD) {
            return ReturnedConsequence.HARD_BOUNCE;
        }
        return bounceClass.isSoft() ? ReturnedConsequence.SOFT_BOUNCE : ReturnedConsequence.NONE;
    }

    private void record(ReturnedReport report, List<EmailAddress> returnPaths, String from, byte[] bytes) {
        if (report instanceof ReturnedReport.Nothing nothing) {
            LOG.fine(() -> "mail to a return path from " + from + " dropped: " + LogText.of(nothing.why()));
            return;
        }
        String evidence = evidence(bytes);
        for (EmailAddress recipient : returnPaths) {
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
                        consequence(bounceClass),
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
                        ReturnedConsequence.COMPLAINT,
                        evidence);
            }
        }
    }

    private static String evidence(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_EVIDENCE * 4), StandardCharsets.UTF_8);
        return text.length() <= MAX_EVIDENCE ? text : text.substring(0, MAX_EVIDENCE);
    }
}
