package io.outpost.relay.sending;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.secrets.LinkKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed VERP (variable envelope return path) local parts: each recipient of each message gets its own return path,
 * {@code b-<message id>-<recipient id>-<mac>@<bounce domain>}, so a bounce sent to it names exactly which recipient of
 * which message failed, even when the bounce body is unreadable or says nothing useful. The MAC (80 bits of
 * HMAC-SHA256 over both ids) stops anyone from forging bounces that would mark other recipients as failed.
 *
 * <p>The same key signs each recipient's {@code mailto:} unsubscribe address, {@code u-<message id>-<mac>} at the same
 * domain ({@link #unsubscribeLocalPart}).
 *
 * <p>Ids are base36 and the MAC lower-case RFC 4648 base32 without padding, so a token survives a receiving MTA that
 * changes the case of the local part; it is at most 46 octets, within the 64 that RFC 5321 §4.5.3.1.1 allows.
 * Instances are immutable and safe to share between threads.
 */
public final class ReturnPathToken {

    /** What the key is derived for from the operator's data key ({@code DataKey#derive}). */
    public static final String KEY_PURPOSE = "return-path";

    /** The queued message and the recipient row a return path names. */
    public record Ids(long messageId, long recipientId) {}

    private static final String PREFIX = "b-";
    private static final String UNSUBSCRIBE_PREFIX = "u-";
    private static final Pattern UNSUBSCRIBE_TOKEN =
            Pattern.compile("u-([0-9a-z]{1,13})-([a-z2-7]{16})", Pattern.CASE_INSENSITIVE);
    private static final int MAC_BYTES = 10;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    // Long.MAX_VALUE is 13 base36 digits; 80 MAC bits are 16 base32 characters. ASCII letters only in any case.
    private static final Pattern TOKEN =
            Pattern.compile("b-([0-9a-z]{1,13})-([0-9a-z]{1,13})-([a-z2-7]{16})", Pattern.CASE_INSENSITIVE);

    private final LinkKey key;

    /** Signs with {@code key}, 32 bytes, such as {@code DataKey.derive("return-path")}. */
    public ReturnPathToken(byte[] key) {
        this.key = new LinkKey(key, "return-path");
    }

    /**
     * The local part naming {@code recipientId} of {@code messageId}, e.g. {@code b-2n9c-5k1-mfrggzdfmztwq2lk}.
     *
     * @throws IllegalArgumentException if an id is negative
     */
    public String localPart(long messageId, long recipientId) {
        if (messageId < 0 || recipientId < 0) {
            throw new IllegalArgumentException(
                    "Return-path ids are not negative: message " + messageId + ", recipient " + recipientId);
        }
        return PREFIX + Long.toString(messageId, 36) + "-" + Long.toString(recipientId, 36) + "-"
                + mac(messageId, recipientId);
    }

    /**
     * True if {@code localPart} has the shape of a return path, signed by this key or not: one that does not verify
     * was changed or made up.
     */
    public boolean isShaped(String localPart) {
        return localPart != null && TOKEN.matcher(localPart).matches();
    }

    /**
     * The ids in {@code localPart}, in any case, if this key signed them; empty for anything else (another key, a
     * changed character, not a token at all), never an exception.
     */
    public Optional<Ids> parse(String localPart) {
        if (localPart == null) {
            return Optional.empty();
        }
        Matcher token = TOKEN.matcher(localPart);
        if (!token.matches()) {
            return Optional.empty();
        }
        String message = token.group(1).toLowerCase(Locale.ROOT);
        String recipient = token.group(2).toLowerCase(Locale.ROOT);
        long messageId;
        long recipientId;
        try {
            messageId = Long.parseLong(message, 36);
            recipientId = Long.parseLong(recipient, 36);
        } catch (NumberFormatException e) {
            return Optional.empty(); // beyond Long.MAX_VALUE
        }
        // Only the one spelling localPart writes (no leading zeros), so a signed token has a single form.
        if (!Long.toString(messageId, 36).equals(message)
                || !Long.toString(recipientId, 36).equals(recipient)) {
            return Optional.empty();
        }
        byte[] expected = mac(messageId, recipientId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.group(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(new Ids(messageId, recipientId)) : Optional.empty();
    }

    private String mac(long messageId, long recipientId) {
        return mac(ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(messageId)
                .putLong(recipientId)
                .array());
    }

    private String mac(byte[] signed) {
        return base32(key.mac(signed, signed.length, MAC_BYTES));
    }

    /**
     * The local part of the {@code mailto:} unsubscribe address of {@code recipient} of message {@code messageId}, {@code
     * u-<message id>-<mac>}: the MAC covers the address, which does not fit in 64 octets itself (RFC 5321
     * §4.5.3.1.1), so mail to it is matched to the recipient among its message's ({@link #unsubscribeNames}).
     */
    public String unsubscribeLocalPart(long messageId, EmailAddress recipient) {
        return UNSUBSCRIBE_PREFIX + Long.toString(messageId, 36) + "-" + unsubscribeMac(messageId, recipient);
    }

    /** The message an unsubscribe address names, if {@code localPart} has its shape (signed by this key or not). */
    public OptionalLong unsubscribeMessageId(String localPart) {
        Matcher token = localPart == null ? null : UNSUBSCRIBE_TOKEN.matcher(localPart);
        if (token == null || !token.matches()) {
            return OptionalLong.empty();
        }
        String id = token.group(1).toLowerCase(Locale.ROOT);
        try {
            long messageId = Long.parseLong(id, 36);
            return Long.toString(messageId, 36).equals(id) ? OptionalLong.of(messageId) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** True if {@code localPart} is the unsubscribe address this key made for {@code candidate} of that message. */
    public boolean unsubscribeNames(String localPart, long messageId, EmailAddress candidate) {
        Matcher token = UNSUBSCRIBE_TOKEN.matcher(localPart);
        if (!token.matches()) {
            return false;
        }
        byte[] expected = unsubscribeMac(messageId, candidate).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.group(2).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    // A tag in front keeps these MACs apart from the bounce tokens' (two longs, no tag).
    private String unsubscribeMac(long messageId, EmailAddress recipient) {
        byte[] address = recipient.toString().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return mac(ByteBuffer.allocate(1 + Long.BYTES + address.length)
                .put((byte) 'u')
                .putLong(messageId)
                .put(address)
                .array());
    }

    // RFC 4648 §6 of the first 10 bytes: exactly 16 characters, so no padding.
    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder(MAC_BYTES * 8 / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < MAC_BYTES; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(BASE32[(buffer >>> bits) & 0x1f]);
            }
        }
        return out.toString();
    }
}
