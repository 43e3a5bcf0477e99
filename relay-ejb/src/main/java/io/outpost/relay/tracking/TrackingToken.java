package io.outpost.relay.tracking;

import io.outpost.relay.secrets.LinkKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The token in a tracking URL: which message, which link (and where it goes) or its open pixel, and 128 bits of
 * HMAC-SHA256 over all of it with a key derived from the operator's data key. The destination travels in the token,
 * so a link keeps working after the message's records are purged, and a click never redirects anywhere its message did
 * not link to: a token changed in any octet, or made without the key, is no token at all. base64url without padding
 * (RFC 4648 §5), safe in a path. Immutable and thread-safe.
 */
public final class TrackingToken {

    /** What a token stands for. */
    public enum Kind {
        OPEN,
        CLICK
    }

    /**
     * A verified token.
     *
     * @param link the link's place in its message, from 1; 0 for the open pixel
     * @param url where a click goes; empty for the pixel
     */
    public record Hit(Kind kind, long messageId, int link, Optional<String> url) {}

    /** What the key is derived for from the operator's data key ({@code DataKey#derive}). */
    public static final String KEY_PURPOSE = "tracking";

    /** Longest destination rewritten: a longer URL is left as it is (and not tracked). */
    public static final int MAX_URL_OCTETS = 2048;

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int FIXED = 1 + 1 + 8 + 2;

    private final LinkKey key;

    /** @param key 32 bytes, such as {@code DataKey.derive("tracking")} */
    public TrackingToken(byte[] key) {
        this.key = new LinkKey(key, "tracking");
    }

    public String open(long messageId) {
        return encode(Kind.OPEN, messageId, 0, new byte[0]);
    }

    /** The token of link {@code link} (from 1) of the message, going to {@code url}. */
    public String click(long messageId, int link, String url) {
        byte[] target = url.getBytes(StandardCharsets.UTF_8);
        if (target.length > MAX_URL_OCTETS || link < 1 || link > 0xffff) {
            throw new IllegalArgumentException("not a link to track: " + link + ", " + target.length + " octets");
        }
        return encode(Kind.CLICK, messageId, link, target);
    }

    /** What the token stands for, if this key made it; empty for anything else, never an exception. */
    public Optional<Hit> parse(String token) {
        Optional<byte[]> opened = key.open(token, VERSION, FIXED, MAC_BYTES);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = opened.get();
        int signed = bytes.length - MAC_BYTES;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, signed - 1);
        byte kind = buffer.get();
        long messageId = buffer.getLong();
        int link = Short.toUnsignedInt(buffer.getShort());
        if (kind == 'o' && signed == FIXED) {
            return Optional.of(new Hit(Kind.OPEN, messageId, 0, Optional.empty()));
        }
        if (kind == 'c' && signed > FIXED) {
            String url = new String(bytes, FIXED, signed - FIXED, StandardCharsets.UTF_8);
            return Optional.of(new Hit(Kind.CLICK, messageId, link, Optional.of(url)));
        }
        return Optional.empty();
    }

    private String encode(Kind kind, long messageId, int link, byte[] url) {
        ByteBuffer buffer = ByteBuffer.allocate(FIXED + url.length + MAC_BYTES);
        buffer.put(VERSION)
                .put((byte) (kind == Kind.OPEN ? 'o' : 'c'))
                .putLong(messageId)
                .putShort((short) link)
                .put(url);
        byte[] bytes = buffer.array();
        return key.seal(bytes, FIXED + url.length);
    }
}
