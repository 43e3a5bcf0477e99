package io.outpost.relay.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reports as receivers really write them: Postfix's DSN, an ARF complaint, a bounce in words, an out-of-office. */
class ReportReaderTest {

    static final String POSTFIX_DSN =
            """
            From: MAILER-DAEMON@mx.dest.test (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: b-2n9c-5k1-mfrggzdfmztwq2lk@bounces.shop.test
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="B1"

            --B1
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            --B1
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.dest.test
            Arrival-Date: Sat,  5 Dec 2026 16:00:00 +0000 (UTC)

            Final-Recipient: rfc822; ann@dest.test
            Original-Recipient: rfc822;ann@dest.test
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mailbox.dest.test
            Diagnostic-Code: smtp; 550 5.1.1 <ann@dest.test>: Recipient address rejected:
                User unknown in local recipient table

            --B1
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            From: news@shop.test
            Subject: Sale

            --B1--
            """;

    static final String ARF =
            """
            From: feedback@provider.test
            To: b-2n9c-5k1-mfrggzdfmztwq2lk@bounces.shop.test
            Subject: FW: Sale
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

            --F1
            Content-Type: text/plain

            This is an email abuse report for an email message received from IP 192.0.2.7.

            --F1
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: ProviderFBL/1.0
            Version: 1
            Original-Mail-From: <b-2n9c-5k1-mfrggzdfmztwq2lk@bounces.shop.test>
            Original-Rcpt-To: <ann@dest.test>
            Arrival-Date: Sat, 5 Dec 2026 16:00:00 +0000

            --F1
            Content-Type: message/rfc822

            From: news@shop.test
            Subject: Sale

            Hello
            --F1--
            """;

    private static ReturnedReport read(String message) {
        return ReportReader.read(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDsnGivesItsFailedRecipientsStatusAndDiagnosticWithoutItsType() {
        assertThat(read(POSTFIX_DSN)).isInstanceOfSatisfying(ReturnedReport.Failed.class, failed -> {
            assertThat(failed.status()).isEqualTo("5.1.1");
            assertThat(failed.text())
                    .startsWith("550 5.1.1 <ann@dest.test>: Recipient address rejected:")
                    .contains("User unknown in local recipient table");
        });
    }

    @Test
    void anInternationalisedDsnIsReadAsOneAndOnlyItsStatusCodeIsKept() {
        String global = POSTFIX_DSN
                .replace("Content-Type: message/delivery-status", "Content-Type: message/global-delivery-status")
                .replace("Status: 5.1.1", "Status: 5.1.1 (unknown user)");

        assertThat(read(global))
                .isInstanceOfSatisfying(ReturnedReport.Failed.class, failed -> assertThat(failed.status())
                        .isEqualTo("5.1.1"));
    }

    @Test
    void aDsnOfADelayOnlyIsNothingToRecord() {
        String delayed =
                POSTFIX_DSN.replace("Action: failed", "Action: delayed").replace("Status: 5.1.1", "Status: 4.4.1");

        assertThat(read(delayed)).isInstanceOf(ReturnedReport.Nothing.class);
    }

    @Test
    void anArfReportIsAComplaintUnlessItTakesOneBack() {
        assertThat(read(ARF)).isEqualTo(new ReturnedReport.Complaint("abuse", "ProviderFBL/1.0"));
        assertThat(read(ARF.replace("Feedback-Type: abuse", "Feedback-Type: fraud")))
                .isEqualTo(new ReturnedReport.Complaint("fraud", "ProviderFBL/1.0"));
        for (String notAComplaint : new String[] {"not-spam", "virus", "other", "auth-failure"}) {
            assertThat(read(ARF.replace("Feedback-Type: abuse", "Feedback-Type: " + notAComplaint)))
                    .as(notAComplaint)
                    .isInstanceOf(ReturnedReport.Nothing.class);
        }
    }

    @Test
    void aBounceInWordsIsReadForItsStatusAndAnOutOfOfficeIsNot() {
        String words =
                """
                From: postmaster@old.test
                Subject: Delivery failure
                Content-Type: text/plain

                Your message could not be delivered: 5.2.1 mailbox disabled for ann@old.test
                """;
        String away =
                """
                From: ann@dest.test
                Subject: Out of office until Monday
                Auto-Submitted: auto-replied
                Content-Type: text/plain

                I am away and will read your message on my return.
                """;

        assertThat(read(words)).isInstanceOfSatisfying(ReturnedReport.Failed.class, failed -> {
            assertThat(failed.status()).isEqualTo("5.2.1");
            assertThat(failed.text()).contains("mailbox disabled");
        });
        assertThat(read(away)).isInstanceOf(ReturnedReport.Nothing.class);
        assertThat(ReportReader.read(new byte[] {0, 1, 2})).isInstanceOf(ReturnedReport.Nothing.class);
    }
}
