package io.outpost.relay.suppression;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.secrets.LinkKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What stays of an erased address on a suppression list (GDPR Art. 17): an HMAC-SHA256 of its folded form under a key
 * derived from the operator's data key, so that its opt-out is still honoured while the list no longer holds the
 * address. Keyed rather than a plain hash: addresses are few enough to guess, and a plain hash of a guess would give
 * one back (GDPR recital 26, pseudonymised data). Immutable and thread-safe.
 */
public final class AddressHash {

    /** What the key is derived for from the operator's data key ({@code DataKey#derive}). */
    public static final String KEY_PURPOSE = "suppression-hash";

    /** How a hashed target begins: no address or domain target does (they hold an {@code @}). */
    static final String PREFIX = "hash:";

    private final LinkKey key;

    /** @param key 32 bytes, such as {@code DataKey.derive("suppression-hash")} */
    public AddressHash(byte[] key) {
        this.key = new LinkKey(key, "suppression hash");
    }

    /** The target that stands for {@code address} once it is erased. */
    public SuppressionTarget of(EmailAddress address) {
        byte[] folded = SuppressionTarget.address(address).value().getBytes(StandardCharsets.UTF_8);
        return new SuppressionTarget(
                PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(key.mac(folded, folded.length, 32)));
    }
}
