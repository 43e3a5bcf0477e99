package io.outpost.relay.audience;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.secrets.LinkKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The signed tokens of double opt-in, under 128 bits of HMAC-SHA256 with a key derived from the operator's data key:
 * the one in a confirmation link ({@code /c/{token}}) names the tenant, the audience and the subscriber; the one in a
 * hosted form names the audience and the consent version the form showed, so that a POST proves which wording its
 * subscriber saw and that it follows a GET of the form. Each has its kind signed in it, so one never passes for the
 * other, and each expires. base64url without padding (RFC 4648 §5), safe in a path. Immutable and thread-safe.
 */
public final class OptInToken {

    /** What the key is derived for from the operator's data key ({@code DataKey#derive}). */
    public static final String KEY_PURPOSE = "double-opt-in";

    /** What a token is for. */
    public enum Kind {
        CONFIRMATION,
        FORM
    }

    /**
     * What a verified token names.
     *
     * @param number the subscriber's id in a confirmation token, the consent version shown in a form token
     */
    public record Link(Kind kind, TenantId tenant, AudienceId audience, long number, Instant expiresAt) {}

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    // version, kind, expiry (epoch seconds), number, length of the tenant id
    private static final int FIXED = 1 + 1 + 8 + 8 + 1;

    private final LinkKey key;

    /** @param key 32 bytes, such as {@code DataKey.derive("double-opt-in")} */
    public OptInToken(byte[] key) {
        this.key = new LinkKey(key, "double opt-in");
    }

    /** The token of a confirmation link for the subscriber {@code subscriberId}, valid until {@code expiresAt}. */
    public String confirmation(TenantId tenant, AudienceId audience, long subscriberId, Instant expiresAt) {
        return seal(Kind.CONFIRMATION, tenant, audience, subscriberId, expiresAt);
    }

    /** The token of a hosted form showing consent version {@code version}, valid until {@code expiresAt}. */
    public String form(TenantId tenant, AudienceId audience, int version, Instant expiresAt) {
        return seal(Kind.FORM, tenant, audience, version, expiresAt);
    }

    /** What the token names, if this key made it for {@code kind} and it has not expired at {@code now}; never throws. */
    public Optional<Link> open(String token, Kind kind, Instant now) {
        Optional<byte[]> opened = key.open(token, VERSION, FIXED, MAC_BYTES);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = opened.get();
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - MAC_BYTES - 1);
        int kindIndex = Byte.toUnsignedInt(buffer.get());
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        long number = buffer.getLong();
        int tenantLength = Byte.toUnsignedInt(buffer.get());
        if (kindIndex != kind.ordinal() || !now.isBefore(expiresAt) || buffer.remaining() <= tenantLength) {
            return Optional.empty();
        }
        String tenant = new String(bytes, FIXED, tenantLength, StandardCharsets.US_ASCII);
        int audienceStart = FIXED + tenantLength;
        String audience =
                new String(bytes, audienceStart, bytes.length - MAC_BYTES - audienceStart, StandardCharsets.US_ASCII);
        try {
            return Optional.of(new Link(kind, TenantId.of(tenant), new AudienceId(audience), number, expiresAt));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // signed by this key, but by a version of Outpost with other rules
        }
    }

    private String seal(Kind kind, TenantId tenant, AudienceId audience, long number, Instant expiresAt) {
        byte[] owner = tenant.value().getBytes(StandardCharsets.US_ASCII);
        byte[] list = audience.value().getBytes(StandardCharsets.US_ASCII);
        int signed = FIXED + owner.length + list.length;
        byte[] bytes = ByteBuffer.allocate(signed + MAC_BYTES)
                .put(VERSION)
                .put((byte) kind.ordinal())
                .putLong(expiresAt.getEpochSecond())
                .putLong(number)
                .put((byte) owner.length)
                .put(owner)
                .put(list)
                .array();
        return key.seal(bytes, signed);
    }
}
