package io.outpost.api.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SMTP reply: a three-digit code (RFC 5321 §4.2), an enhanced status code (RFC 3463) whose class matches the code's
 * first digit, and one or more lines of text. Validated when built, so a malformed reply cannot reach the wire.
 *
 * <p>The enhanced status is empty only for the greeting and the EHLO/HELO reply, which RFC 2034 §3 excludes, and for
 * intermediate 3xx replies, for which RFC 3463 §3 defines no class.
 */
public record SmtpReply(int code, Optional<String> enhancedStatus, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        if (enhancedStatus == null || lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("reply needs a status and at least one line");
        }
        enhancedStatus.ifPresent(status -> {
            var m = ENHANCED.matcher(status);
            if (!m.matches()) {
                throw new IllegalArgumentException("malformed enhanced status: " + status);
            }
            if (m.group(1).charAt(0) != Integer.toString(code).charAt(0)) {
                throw new IllegalArgumentException("enhanced status " + status + " does not match code " + code);
            }
        });
        lines = List.copyOf(lines);
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text may not contain CR or LF");
            }
        }
    }

    /** A one-line reply with an enhanced status code, the usual form. */
    public static SmtpReply of(int code, String enhancedStatus, String text) {
        return new SmtpReply(code, Optional.of(enhancedStatus), List.of(text));
    }

    /**
     * An intermediate reply such as {@code 354} (RFC 5321 §4.2.1): RFC 3463 §3 defines status classes 2, 4 and 5 only,
     * so a 3xx reply cannot carry an enhanced status.
     */
    public static SmtpReply intermediate(int code, String text) {
        if (code < 300 || code > 399) {
            throw new IllegalArgumentException("not an intermediate reply code: " + code);
        }
        return new SmtpReply(code, Optional.empty(), List.of(text));
    }

    /** A reply without enhanced status: only for the greeting and EHLO/HELO (RFC 2034 §3). */
    public static SmtpReply withoutStatus(int code, List<String> lines) {
        return new SmtpReply(code, Optional.empty(), lines);
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** The reply as sent on the wire, each line ending in CRLF, continuation lines marked with '-'. */
    public byte[] toWire() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhancedStatus.isPresent()) {
                out.append(enhancedStatus.get()).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The reply as one line of text, for logs and the queue's "last remote reply". */
    @Override
    public String toString() {
        return code + enhancedStatus.map(s -> " " + s).orElse("") + " " + String.join(" / ", lines);
    }
}
