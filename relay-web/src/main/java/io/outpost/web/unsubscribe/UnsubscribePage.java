package io.outpost.web.unsubscribe;

import io.outpost.api.mail.EmailAddress;
import org.jsoup.nodes.Entities;

/**
 * The small HTML pages a recipient's browser gets from the unsubscribe URL: self-contained (no script, no image, no
 * link elsewhere), so the page itself tells nobody that it was opened. An address may hold characters HTML gives
 * meaning to (a quoted local part), so it is escaped.
 */
final class UnsubscribePage {

    private UnsubscribePage() {}

    /** Asks before unsubscribing: link scanners and prefetchers GET every URL in a message (RFC 8058 §1). */
    static String confirm(EmailAddress recipient) {
        return page(
                "Unsubscribe",
                "<p>Stop this sender's newsletters and other bulk mail to <strong>"
                        + Entities.escape(recipient.toString())
                        + "</strong>?</p>\n<form method=\"post\"><button type=\"submit\" name=\"confirm\""
                        + " value=\"page\">Unsubscribe</button></form>\n"
                        + "<p class=\"small\">Messages you asked for, such as receipts, still reach you.</p>");
    }

    static String done(EmailAddress recipient) {
        return page(
                "Unsubscribed",
                "<p><strong>" + Entities.escape(recipient.toString())
                        + "</strong> gets no more bulk mail from this sender.</p>");
    }

    static String notFound() {
        return page(
                "Link not valid", "<p>This unsubscribe link is not valid. Use the link in the message as it came.</p>");
    }

    static String failed() {
        return page(
                "Please try again", "<p>Your unsubscribe could not be saved just now. Please try again shortly.</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title
                + "</title>\n<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;"
                + "padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1.5rem}"
                + ".small{color:#555;font-size:.9rem}</style>\n</head>\n<body>\n<h1>" + title + "</h1>\n" + body
                + "\n</body>\n</html>\n";
    }
}
