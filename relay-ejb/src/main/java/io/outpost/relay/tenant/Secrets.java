package io.outpost.relay.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Generates and hashes secrets (SMTP passwords, API keys, admin passwords). Hashes are Jakarta Security's PBKDF2
 * ({@code PBKDF2WithHmacSHA256}, 210,000 iterations as OWASP recommends for it, 32-byte random salt) in its
 * self-describing {@code algorithm:iterations:salt:hash} form, so the parameters can be raised later without breaking
 * stored hashes. Thread-safe.
 */
@ApplicationScoped
public class Secrets {

    /** The PBKDF2 parameters, by the names Jakarta Security 3.0 gives them. */
    public static final Map<String, String> PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    /** Random bytes in a generated secret: 192 bits, 32 characters of URL-safe base64. */
    static final int SECRET_BYTES = 24;

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final Pbkdf2PasswordHash hash;
    private final SecureRandom random;
    private final String dummyHash;

    /** For the CDI proxy only. */
    protected Secrets() {
        this.hash = null;
        this.random = null;
        this.dummyHash = null;
    }

    @Inject
    public Secrets(Pbkdf2PasswordHash hash) {
        hash.initialize(PARAMETERS);
        this.hash = hash;
        this.random = new SecureRandom();
        // Checked for unknown user names, so that a miss costs as much as a hit and timing reveals no accounts.
        this.dummyHash = hash.generate(generate().toCharArray());
    }

    /** A new random secret of {@value #SECRET_BYTES} bytes, URL-safe base64 without padding. */
    public String generate() {
        return randomText(SECRET_BYTES);
    }

    /** {@code bytes} random bytes as URL-safe base64 without padding. */
    public String randomText(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return URL_SAFE.encodeToString(value);
    }

    /** The salted hash to store for {@code secret}. */
    public String hash(char[] secret) {
        return hash.generate(secret);
    }

    /** True if {@code secret} matches {@code storedHash}; a malformed stored hash never matches. */
    public boolean verify(char[] secret, String storedHash) {
        try {
            return hash.verify(secret, storedHash);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Spends the time of one {@link #verify} and returns false: for a user name that does not exist. */
    public boolean verifyUnknown(char[] secret) {
        hash.verify(secret, dummyHash);
        return false;
    }
}
