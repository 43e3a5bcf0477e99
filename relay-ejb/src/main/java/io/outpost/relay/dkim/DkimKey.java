package io.outpost.relay.dkim;

import io.outpost.api.mail.Domain;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One signing key of a sending domain: the signing domain ({@code d=}), the selector ({@code s=}), the algorithm and
 * the private key, checked to fit each other.
 */
public record DkimKey(Domain domain, String selector, Algorithm algorithm, PrivateKey key) {

    /** The smallest RSA modulus accepted; RFC 8301 §3.2 requires at least 1024, we sign with 2048 or more. */
    public static final int MIN_RSA_BITS = 2048;

    // RFC 6376 §3.1: selector = sub-domain *( "." sub-domain ), LDH labels.
    private static final Pattern SELECTOR = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** The signing algorithms this signer supports. */
    public enum Algorithm {
        /** RFC 6376 §3.3.1, RSASSA-PKCS1-v1_5 with SHA-256. */
        RSA_SHA256("rsa-sha256", "rsa"),
        /** RFC 8463 §3, Ed25519 over the SHA-256 digest. */
        ED25519_SHA256("ed25519-sha256", "ed25519");

        private final String tag;
        private final String keyType;

        Algorithm(String tag, String keyType) {
            this.tag = tag;
            this.keyType = keyType;
        }

        /** The {@code a=} tag value. */
        public String tag() {
            return tag;
        }

        /** The {@code k=} value of the DNS key record. */
        public String keyType() {
            return keyType;
        }
    }

    public DkimKey {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        if (selector == null || !SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("invalid DKIM selector: " + selector);
        }
        switch (algorithm) {
            case RSA_SHA256 -> {
                if (!(key instanceof RSAPrivateKey rsa)) {
                    throw new IllegalArgumentException(
                            "rsa-sha256 needs an RSA private key, got " + key.getAlgorithm());
                }
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("RSA key of "
                            + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS + " required");
                }
            }
            case ED25519_SHA256 -> {
                if (!(key instanceof EdECPrivateKey ed)
                        || !"Ed25519".equals(ed.getParams().getName())) {
                    throw new IllegalArgumentException(
                            "ed25519-sha256 needs an Ed25519 private key, got " + key.getAlgorithm());
                }
            }
        }
    }

    /** The DNS name where the public key is published: {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.2.1). */
    public String dnsName() {
        return selector + "._domainkey." + domain.ascii();
    }

    @Override
    public String toString() {
        // Never print the private key.
        return "DkimKey[" + algorithm.tag() + " " + dnsName() + "]";
    }
}
