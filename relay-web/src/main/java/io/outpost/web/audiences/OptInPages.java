package io.outpost.web.audiences;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.audience.Audience;
import io.outpost.web.hosted.HostedPage;
import org.jsoup.nodes.Entities;

/**
 * The pages of double opt-in ({@link HostedPage}): an audience's form, and the confirmation a subscriber's link shows.
 * An audience's name and consent text are the tenant's, an address the subscriber's: all escaped.
 */
final class OptInPages {

    private OptInPages() {}

    /**
     * The form: an address, the consent wording beside a box to tick (consent is an affirmative act, GDPR recital 32),
     * and the signed token that names the wording shown.
     */
    static String form(Audience audience, String token, String problem) {
        return HostedPage.of(
                escaped(audience.settings().name()),
                (problem.isEmpty() ? "" : "<p><strong>" + escaped(problem) + "</strong></p>\n")
                        + "<form method=\"post\">\n<input type=\"hidden\" name=\"token\" value=\"" + escaped(token)
                        + "\">\n<p><label>Email address<br><input type=\"email\" name=\"address\" required"
                        + " autocomplete=\"email\"></label></p>\n<p><label><input type=\"checkbox\" name=\"consent\""
                        + " value=\"yes\" required> "
                        + escaped(audience.consent().wording()) + "</label></p>\n"
                        + "<p><button type=\"submit\">Subscribe</button></p>\n</form>\n"
                        + "<p class=\"small\">We send a message to confirm the address: nothing else is sent until"
                        + " you follow its link.</p>");
    }

    /** After the form: the same for a new, a pending and a confirmed address, so the form tells nobody who is on it. */
    static String checkInbox() {
        return HostedPage.of(
                "Check your inbox",
                "<p>If the address can subscribe, a message with a link to confirm is on its way. The subscription"
                        + " starts once you follow it.</p>");
    }

    static String confirm(Audience audience, EmailAddress address) {
        return HostedPage.of(
                "Confirm your subscription",
                "<p>Subscribe <strong>" + escaped(address.toString()) + "</strong> to <strong>"
                        + escaped(audience.settings().name()) + "</strong>?</p>\n<form method=\"post\"><button"
                        + " type=\"submit\" name=\"confirm\" value=\"yes\">Confirm</button></form>");
    }

    static String confirmed(Audience audience, EmailAddress address) {
        return HostedPage.of(
                "Subscription confirmed",
                "<p><strong>" + escaped(address.toString()) + "</strong> is subscribed to <strong>"
                        + escaped(audience.settings().name()) + "</strong>.</p>");
    }

    static String notFound() {
        return HostedPage.of(
                "Link not valid",
                "<p>This link is not valid, or has expired. Use the link in the message as it came, or subscribe"
                        + " again.</p>");
    }

    static String tooMany() {
        return HostedPage.of("Please try later", "<p>Too many subscriptions came from here just now.</p>");
    }

    static String failed() {
        return HostedPage.of(
                "Please try again", "<p>Your subscription could not be saved just now. Please try again shortly.</p>");
    }

    private static String escaped(String text) {
        return Entities.escape(text);
    }
}
