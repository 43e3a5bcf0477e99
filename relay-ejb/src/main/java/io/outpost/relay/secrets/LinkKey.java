package io.outpost.relay.secrets;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 key of one kind of value Outpost hands out and must recognise when it comes back (a tracking link,
 * an unsubscribe link): a subkey of the data key ({@link DataKey#derive}), so that one kind's MAC never passes as
 * another's. Immutable and thread-safe.
 */
public final class LinkKey {

    private final SecretKeySpec key;

    // One initialised Mac per thread: getting and keying one costs more than the MAC of a short value, and a value is
    // hashed for every recipient checked against the suppression lists.
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /**
     * @param key 32 bytes, such as {@code DataKey.derive(purpose)}
     * @param what what it signs, for the error when the key has the wrong length
     */
    public LinkKey(byte[] key, String what) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A " + what + " key is exactly 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The first {@code macBytes} octets of HMAC-SHA256 over the first {@code length} octets of {@code bytes}. */
    public byte[] mac(byte[] bytes, int length, int macBytes) {
        Mac mac = macs.get();
        mac.update(bytes, 0, length);
        return Arrays.copyOf(mac.doFinal(), macBytes);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * True if the last {@code macBytes} octets of {@code signed} are the MAC of the octets before them, compared in
     * constant time.
     */
    public boolean verifies(byte[] signed, int macBytes) {
        if (signed.length < macBytes) {
            return false;
        }
        int length = signed.length - macBytes;
        return MessageDigest.isEqual(Arrays.copyOfRange(signed, length, signed.length), mac(signed, length, macBytes));
    }

    /**
     * {@code bytes} as a token: its first {@code signed} octets under their MAC, which fills the rest, in base64url
     * without padding (RFC 4648 §5), safe in a path.
     */
    public String seal(byte[] bytes, int signed) {
        int macBytes = bytes.length - signed;
        System.arraycopy(mac(bytes, signed, macBytes), 0, bytes, signed, macBytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The octets of a token {@link #seal} made with this key (the MAC included) when it begins with {@code version},
     * holds at least {@code minSigned} signed octets and its MAC of {@code macBytes} verifies; empty for anything else,
     * never an exception.
     */
    public Optional<byte[]> open(String token, byte version, int minSigned, int macBytes) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // One spelling per token: the decoder ignores the unused low bits of a last character, which would let another
        // string stand for the same token.
        if (bytes.length < minSigned + macBytes
                || bytes[0] != version
                || !Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(bytes)
                        .equals(token)
                || !verifies(bytes, macBytes)) {
            return Optional.empty();
        }
        return Optional.of(bytes);
    }
}
