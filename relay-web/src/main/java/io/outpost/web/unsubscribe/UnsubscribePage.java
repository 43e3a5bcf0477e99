package io.outpost.web.unsubscribe;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.Topic;
import io.outpost.relay.topic.TopicView;
import io.outpost.web.hosted.HostedPage;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Entities;

/**
 * The small HTML pages a recipient's browser gets from the unsubscribe URL: self-contained (no script, no image, no
 * link elsewhere), so the page itself tells nobody that it was opened. An address may hold characters HTML gives
 * meaning to (a quoted local part), so it is escaped.
 */
final class UnsubscribePage {

    private static final String STILL_SENT =
            "<p class=\"small\">Messages you asked for, such as receipts, still reach you.</p>";

    private UnsubscribePage() {}

    /**
     * Asks before unsubscribing: link scanners and prefetchers GET every URL in a message (RFC 8058 §1). When the message
     * named one of the sender's topics, a preference centre: the recipient ticks the topics to leave (the message's own
     * is ticked), or leaves all the sender's bulk mail. A message of no topic is left only by leaving all: leaving
     * topics would not stop it.
     *
     * @param problem what was wrong with the last answer, or ""
     */
    static String confirm(EmailAddress recipient, Optional<Topic> linked, List<TopicView> topics, String problem) {
        String address = "<strong>" + Entities.escape(recipient.toString()) + "</strong>";
        if (linked.isEmpty() || topics.isEmpty()) {
            return HostedPage.of(
                    "Unsubscribe",
                    "<p>Stop this sender's newsletters and other bulk mail to " + address + "?</p>\n"
                            + "<form method=\"post\"><button type=\"submit\" name=\"confirm\""
                            + " value=\"page\">Unsubscribe</button></form>\n" + STILL_SENT);
        }
        StringBuilder choices = new StringBuilder();
        for (TopicView topic : topics) {
            String name = Entities.escape(topic.topic().name());
            choices.append("<p><label><input type=\"checkbox\" name=\"leave\" value=\"")
                    .append(name)
                    .append('"')
                    .append(linked.equals(Optional.of(topic.topic())) ? " checked" : "")
                    .append("> <strong>")
                    .append(Entities.escape(topic.title()))
                    .append("</strong></label>")
                    .append(topic.description()
                            .map(text -> "<br><span class=\"small\">" + Entities.escape(text) + "</span>")
                            .orElse(""))
                    .append("</p>\n");
        }
        return HostedPage.of(
                "Unsubscribe",
                (problem.isEmpty() ? "" : "<p role=\"alert\"><strong>" + Entities.escape(problem) + "</strong></p>\n")
                        + "<p>Which of this sender's mail should stop coming to " + address + "?</p>\n"
                        + "<form method=\"post\">\n" + choices
                        + "<button type=\"submit\" name=\"confirm\" value=\"topics\">Leave the ticked topics</button>"
                        + "</form>\n<form method=\"post\"><button type=\"submit\" name=\"all\" value=\"page\">"
                        + "Leave all of this sender's bulk mail</button></form>\n" + STILL_SENT);
    }

    static String done(EmailAddress recipient, List<String> left) {
        String address = "<strong>" + Entities.escape(recipient.toString()) + "</strong>";
        if (left.isEmpty()) {
            return HostedPage.of("Unsubscribed", "<p>" + address + " gets no more bulk mail from this sender.</p>");
        }
        StringBuilder titles = new StringBuilder();
        for (String title : left) {
            titles.append("<li>").append(Entities.escape(title)).append("</li>");
        }
        return HostedPage.of(
                "Unsubscribed",
                "<p>" + address + " gets no more of this sender's:</p>\n<ul>" + titles + "</ul>\n"
                        + "<p class=\"small\">Its other mail still comes.</p>");
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
