package io.outpost.relay.delivery;

import io.outpost.api.mail.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a remote server's reply text, as Angus Mail reports it, into an {@link SmtpReply}. */
final class ServerReplies {

    private static final Pattern LINE = Pattern.compile("(\\d{3})[ -]?(.*)");
    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?: |$)(.*)");

    private ServerReplies() {}

    /**
     * Parses {@code "550-5.1.1 first\n550 5.1.1 second"}. A reply without a usable enhanced status gets the generic
     * {@code X.0.0} of its class (RFC 3463 §3.1), and text that is no SMTP reply at all counts as a transient protocol
     * error (451 4.5.0): a garbled answer must not bounce mail.
     */
    static SmtpReply parse(String response) {
        String[] rawLines = response == null ? new String[0] : response.strip().split("\r?\n");
        Matcher first = rawLines.length == 0 ? null : LINE.matcher(rawLines[0]);
        if (first == null || !first.matches() || !validCode(Integer.parseInt(first.group(1)))) {
            return SmtpReply.of(451, "4.5.0", "unparsable reply from server: " + oneLine(response));
        }
        int code = Integer.parseInt(first.group(1));
        String defaultStatus = (code / 100) + ".0.0";
        Optional<String> status = Optional.empty();
        List<String> lines = new ArrayList<>();
        for (String raw : rawLines) {
            Matcher line = LINE.matcher(raw);
            String text = line.matches() ? line.group(2) : raw;
            Matcher enhanced = ENHANCED.matcher(text);
            if (enhanced.matches() && enhanced.group(1).charAt(0) == defaultStatus.charAt(0)) {
                status = status.or(() -> Optional.of(enhanced.group(1)));
                text = enhanced.group(2);
            }
            lines.add(text.isBlank() ? "(no text)" : text.strip());
        }
        return new SmtpReply(code, Optional.of(status.orElse(defaultStatus)), lines);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static boolean validCode(int code) {
        return code >= 200 && code <= 599;
    }
}
