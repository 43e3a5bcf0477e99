package io.outpost.relay.checks;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * The HTML part's size against Gmail's clipping: Gmail shows "[Message clipped]" and hides the rest of an HTML part
 * over 102 KB, and with it the unsubscribe link and the open pixel at its end. Outpost adds tracking to links, so a
 * part already near the limit is a warning.
 */
@ApplicationScoped
public class HtmlSizeCheck implements PreSendCheck {

    static final String ID = "size";
    static final String TITLE = "Size and Gmail clipping";
    static final int GMAIL_CLIPS_AT = 102 * 1024;
    static final int WARN_AT = 90 * 1024;

    @Override
    public int order() {
        return 50;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        int bytes = message.rendered()
                .html()
                .map(html -> html.getBytes(StandardCharsets.UTF_8).length)
                .orElse(0);
        String size = kilobytes(bytes) + " of HTML";
        if (bytes >= GMAIL_CLIPS_AT) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.FAIL,
                    size + ": Gmail clips an HTML part over 102 KB, hiding its end and the unsubscribe link.",
                    "Make the HTML smaller: remove unused styles and comments, or link to long content.");
        }
        if (bytes >= WARN_AT) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.WARN,
                    size + ": close to the 102 KB at which Gmail clips, and tracked links make it longer.",
                    "Make the HTML smaller than 90 KB.");
        }
        return CheckResult.pass(ID, TITLE, size + ", under the 102 KB at which Gmail clips.");
    }

    private static String kilobytes(int bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
