package io.outpost.relay.queue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of the message listing ended: the last message's arrival time and id, which the next page starts after
 * (keyset pagination). Opaque to clients; one that cannot be read is refused, never guessed at.
 */
public record MessageCursor(Instant receivedAt, long id) {

    /** The text form a client sends back. */
    public String encode() {
        String plain = receivedAt.getEpochSecond() + "." + receivedAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor {@code text} stands for, or empty if it is not one this listing gave. */
    public static Optional<MessageCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split("\\.");
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            long id = Long.parseLong(parts[2]);
            return id > 0 ? Optional.of(new MessageCursor(at, id)) : Optional.empty();
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
