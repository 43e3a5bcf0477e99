package io.outpost.web.unsubscribe;

import io.outpost.api.mail.EmailAddress;
import io.outpost.web.hosted.HostedPage;
import org.jsoup.nodes.Entities;

/**
 * The small HTML pages a recipient's browser gets from the unsubscribe URL ({@link HostedPage}). An address may hold
 * characters HTML gives meaning to (a quoted local part), so it is escaped.
 */
final class UnsubscribePage {

    private UnsubscribePage() {}

    /** Asks before unsubscribing: link scanners and prefetchers GET every URL in a message (RFC 8058 §1). */
    static String confirm(EmailAddress recipient) {
        return HostedPage.of(
                "Unsubscribe",
                "<p>Stop this sender's newsletters and other bulk mail to <strong>"
                        + Entities.escape(recipient.toString())
                        + "</strong>?</p>\n<form method=\"post\"><button type=\"submit\" name=\"confirm\""
                        + " value=\"page\">Unsubscribe</button></form>\n"
                        + "<p class=\"small\">Messages you asked for, such as receipts, still reach you.</p>");
    }

    static String done(EmailAddress recipient) {
        return HostedPage.of(
                "Unsubscribed",
                "<p><strong>" + Entities.escape(recipient.toString())
                        + "</strong> gets no more bulk mail from this sender.</p>");
    }

    static String notFound() {
        return HostedPage.of(
                "Link not valid", "<p>This unsubscribe link is not valid. Use the link in the message as it came.</p>");
    }

    static String failed() {
        return HostedPage.of(
                "Please try again", "<p>Your unsubscribe could not be saved just now. Please try again shortly.</p>");
    }
}
