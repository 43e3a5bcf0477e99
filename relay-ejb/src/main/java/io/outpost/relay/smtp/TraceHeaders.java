package io.outpost.relay.smtp;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.content.HeaderFields;
import io.outpost.relay.content.MessageContent;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the header fields Outpost prepends to a received message: the Received trace field (RFC 5321 §4.4) and, for a
 * submission, the Message-ID and Date a client left out (RFC 6409 §8.3, §8.2). The fields are put in front of the
 * message's bytes, which stay where they are: never copied, never changed.
 */
public final class TraceHeaders {

    // RFC 5322 §3.3 date-time with a numeric zone; the obsolete "GMT" of RFC_1123_DATE_TIME is avoided.
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final String CRLF = "\r\n";
    private static final String FOLD = CRLF + "\t";

    private final String hostname;

    public TraceHeaders(String hostname) {
        this.hostname = hostname;
    }

    /** Everything the Received field records about one message's arrival. */
    public record Arrival(
            String heloName,
            Optional<String> clientName,
            InetAddress clientAddress,
            String protocol,
            String id,
            List<EmailAddress> recipients,
            ZonedDateTime time) {}

    /**
     * The content with the trace fields in front; {@code submission} adds a missing Message-ID and Date.
     *
     * @param headerSection the content's header section, where Message-ID and Date are looked for
     */
    public MessageContent stamp(MessageContent content, byte[] headerSection, Arrival arrival, boolean submission) {
        StringBuilder header = new StringBuilder(received(arrival));
        if (submission && !HeaderFields.contains(headerSection, "Message-ID")) {
            header.append("Message-ID: <")
                    .append(arrival.id())
                    .append('@')
                    .append(hostname)
                    .append('>')
                    .append(CRLF);
        }
        if (submission && !HeaderFields.contains(headerSection, "Date")) {
            header.append("Date: ").append(DATE.format(arrival.time())).append(CRLF);
        }
        return content.withFieldsInFront(header.toString().getBytes(StandardCharsets.UTF_8));
    }

    // RFC 5321 §4.4: "from" Extended-Domain, "by" Domain, "with" protocol, "id", "for" (one recipient only, so a
    // multi-recipient message does not disclose its Bcc list), then ";" date-time. Folded one clause per line.
    private String received(Arrival arrival) {
        String literal = addressLiteral(arrival.clientAddress());
        String tcpInfo = arrival.clientName().map(name -> name + " " + literal).orElse(literal);
        StringBuilder field = new StringBuilder("Received: from ")
                .append(arrival.heloName())
                .append(" (")
                .append(tcpInfo)
                .append(')')
                .append(FOLD)
                .append("by ")
                .append(hostname)
                .append(" (Outpost) with ")
                .append(arrival.protocol())
                .append(" id ")
                .append(arrival.id());
        if (arrival.recipients().size() == 1) {
            field.append(FOLD)
                    .append("for <")
                    .append(arrival.recipients().get(0))
                    .append('>');
        }
        return field.append(';')
                .append(FOLD)
                .append(DATE.format(arrival.time()))
                .append(CRLF)
                .toString();
    }

    // RFC 5321 §4.1.3: IPv6 literals carry the "IPv6:" tag.
    private static String addressLiteral(InetAddress address) {
        String prefix = address instanceof Inet6Address ? "IPv6:" : "";
        return "[" + prefix + address.getHostAddress() + "]";
    }
}
