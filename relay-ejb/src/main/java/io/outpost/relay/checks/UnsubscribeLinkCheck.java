package io.outpost.relay.checks;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * A visible unsubscribe link in a bulk message's body. The one-click fields give mail programs a button, but not every
 * program shows one, and Gmail's and Yahoo's bulk-sender guidelines (February 2024) and CAN-SPAM (15 U.S.C.
 * 7704(a)(3)) ask for a clear way out in the message itself. Outpost's templates have no unsubscribe placeholder of
 * their own: the link is the sender's (a preference page, or a merge field holding one), recognised by its words in
 * the link's text or address.
 */
@ApplicationScoped
public class UnsubscribeLinkCheck implements PreSendCheck {

    static final String ID = "unsubscribe-link";
    static final String TITLE = "Unsubscribe link in the body";

    // English, German, French, Spanish, Dutch and Italian words for leaving a list, and the preference-centre phrasing.
    private static final Pattern UNSUBSCRIBE = Pattern.compile(
            "unsubscribe|opt[ -]?out|abmelden|abbestellen|d[ée]sabonner|d[ée]sinscri|darse de baja|dar de baja"
                    + "|afmelden|disiscriv|cancella l'iscrizione|(e-?mail|subscription|mailing) preferences");

    @Override
    public int order() {
        return 30;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        if (!message.bulk()) {
            return CheckResult.pass(ID, TITLE, "Not applicable: transactional mail needs no unsubscribe link.");
        }
        BodyHtml body = BodyHtml.of(message);
        if (!body.hasHtml()) {
            return UNSUBSCRIBE
                            .matcher(body.visibleText().toLowerCase(Locale.ROOT))
                            .find()
                    ? CheckResult.pass(ID, TITLE, "The text part says how to unsubscribe.")
                    : missing("The text part says nothing about unsubscribing.");
        }
        return body.links().stream()
                .filter(UnsubscribeLinkCheck::isUnsubscribe)
                .findFirst()
                .map(link -> CheckResult.pass(ID, TITLE, "Found the link \"" + link.text() + "\"."))
                .orElseGet(() -> missing("No link in the HTML says unsubscribe (or opt out, or email preferences)."));
    }

    private static boolean isUnsubscribe(Element link) {
        String words = (link.text() + " " + link.attr("href") + " " + link.attr("title")).toLowerCase(Locale.ROOT);
        return UNSUBSCRIBE.matcher(words).find();
    }

    private static CheckResult missing(String why) {
        return new CheckResult(
                ID,
                TITLE,
                CheckVerdict.FAIL,
                why + " Bulk mail must offer a visible way out (CAN-SPAM 15 U.S.C. 7704(a)(3); Gmail and Yahoo"
                        + " bulk-sender rules); readers without one mark the message as spam instead.",
                "Add a link to your unsubscribe or preference page near the end, such as <a href=\"{{unsubscribeUrl}}\">"
                        + "Unsubscribe</a> with each recipient's URL in their data.");
    }
}
