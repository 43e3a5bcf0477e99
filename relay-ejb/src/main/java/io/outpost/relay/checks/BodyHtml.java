package io.outpost.relay.checks;

import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A message's body as a reader's mail program shows it, for the checks that look into it: the HTML part parsed by
 * jsoup as a browser would (entities decoded, broken markup repaired), or the text part when there is no HTML.
 */
final class BodyHtml {

    private final Optional<Document> html;
    private final String text;

    private BodyHtml(Optional<Document> html, String text) {
        this.html = html;
        this.text = text;
    }

    static BodyHtml of(CheckedMessage message) {
        Optional<Document> html = message.rendered().html().map(Jsoup::parse);
        String text = html.map(document -> document.body().text())
                .orElse(message.rendered().text().orElse(""));
        return new BodyHtml(html, text);
    }

    /** The words a reader sees: the HTML's text, or the text part when there is no HTML. */
    String visibleText() {
        return text;
    }

    boolean hasHtml() {
        return html.isPresent();
    }

    /** Every {@code <a href>}, in order. */
    List<Element> links() {
        return html.map(document -> (List<Element>) document.select("a[href]")).orElse(List.of());
    }

    /** Every {@code <img src>}, in order. */
    List<Element> images() {
        return html.map(document -> (List<Element>) document.select("img[src]")).orElse(List.of());
    }
}
