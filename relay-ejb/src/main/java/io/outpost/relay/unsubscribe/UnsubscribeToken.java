package io.outpost.relay.unsubscribe;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.secrets.LinkKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The token in a one-click unsubscribe URL: which tenant's bulk mail the recipient leaves (all of it, or the topic the
 * message named), their address, and the message the link came in, under 128 bits of HMAC-SHA256 with a key derived from the operator's data key. It names
 * the address itself rather than a queue row, so an unsubscribe works however long after the message's records were
 * purged (RFC 8058 §3.1: the URI must identify the recipient on its own, no login, no cookie). base64url without padding
 * (RFC 4648 §5), safe in a path. Immutable and thread-safe.
 */
public final class UnsubscribeToken {

    /** What the key is derived for from the operator's data key ({@code DataKey#derive}). */
    public static final String KEY_PURPOSE = "unsubscribe";

    /**
     * What a verified token asks: that {@code recipient} gets no more of {@code tenant}'s bulk mail, or of its {@code
     * topic} when the message named one.
     */
    public record Request(long messageId, TenantId tenant, EmailAddress recipient, Optional<Topic> topic) {}

    // Version 1 named no topic; its tokens, in mail already sent, still work.
    private static final byte VERSION = 2;
    private static final byte WITHOUT_TOPIC = 1;
    private static final int MAC_BYTES = 16;
    // version, message id, length of the tenant id
    private static final int FIXED = 1 + 8 + 1;

    private final LinkKey key;

    /** @param key 32 bytes, such as {@code DataKey.derive("unsubscribe")} */
    public UnsubscribeToken(byte[] key) {
        this.key = new LinkKey(key, "unsubscribe");
    }

    /**
     * The token asking that {@code recipient} leave {@code tenant}'s bulk mail, or its {@code topic}, from message
     * {@code messageId}.
     */
    public String of(long messageId, TenantId tenant, EmailAddress recipient, Optional<Topic> topic) {
        byte[] owner = tenant.value().getBytes(StandardCharsets.US_ASCII);
        byte[] topicName = topic.map(Topic::name).orElse("").getBytes(StandardCharsets.US_ASCII);
        byte[] address = recipient.toString().getBytes(StandardCharsets.UTF_8);
        int signed = FIXED + owner.length + 1 + topicName.length + address.length;
        byte[] bytes = ByteBuffer.allocate(signed + MAC_BYTES)
                .put(VERSION)
                .putLong(messageId)
                .put((byte) owner.length)
                .put(owner)
                .put((byte) topicName.length)
                .put(topicName)
                .put(address)
                .array();
        return key.seal(bytes, signed);
    }

    /** What the token asks, if this key made it; empty for anything else, never an exception. */
    public Optional<Request> parse(String token) {
        Optional<byte[]> opened = key.open(token, VERSION, FIXED, MAC_BYTES);
        if (opened.isPresent()) {
            return read(opened.get(), true);
        }
        return key.open(token, WITHOUT_TOPIC, FIXED, MAC_BYTES).flatMap(bytes -> read(bytes, false));
    }

    private static Optional<Request> read(byte[] bytes, boolean hasTopic) {
        int end = bytes.length - MAC_BYTES;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, end - 1);
        long messageId = buffer.getLong();
        int ownerLength = Byte.toUnsignedInt(buffer.get());
        if (buffer.remaining() <= ownerLength) {
            return Optional.empty();
        }
        String owner = new String(bytes, FIXED, ownerLength, StandardCharsets.US_ASCII);
        int next = FIXED + ownerLength;
        String topicName = "";
        if (hasTopic) {
            int topicLength = Byte.toUnsignedInt(bytes[next]);
            if (end - next - 1 <= topicLength) {
                return Optional.empty();
            }
            topicName = new String(bytes, next + 1, topicLength, StandardCharsets.US_ASCII);
            next += 1 + topicLength;
        }
        String address = new String(bytes, next, end - next, StandardCharsets.UTF_8);
        try {
            return Optional.of(new Request(
                    messageId,
                    TenantId.of(owner),
                    EmailAddress.parse(address),
                    topicName.isEmpty() ? Optional.empty() : Optional.of(new Topic(topicName))));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // signed by this key, but by a version of Outpost with other rules
        }
    }
}
