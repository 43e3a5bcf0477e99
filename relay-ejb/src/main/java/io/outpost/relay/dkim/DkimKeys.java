package io.outpost.relay.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Generates DKIM key pairs and writes the DNS TXT record that publishes a public key (RFC 6376 §3.6.1). */
public final class DkimKeys {

    /** RFC 8410 SubjectPublicKeyInfo prefix of an Ed25519 key; the raw 32-byte key follows it. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final int ED25519_KEY_LENGTH = 32;

    /** The longest character-string in a TXT record (RFC 1035 §3.3). */
    private static final int TXT_STRING_MAX = 255;

    private DkimKeys() {}

    /** A new 2048-bit RSA key pair for rsa-sha256. */
    public static KeyPair generateRsa2048() {
        return generate("RSA", 2048);
    }

    /** A new Ed25519 key pair for ed25519-sha256 (RFC 8463). */
    public static KeyPair generateEd25519() {
        return generate("Ed25519", 0);
    }

    /**
     * The TXT record text to publish at {@link DkimKey#dnsName()}: {@code v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo,
     * base64>} for RSA, {@code v=DKIM1; k=ed25519; p=<raw 32-byte key, base64>} for Ed25519 (RFC 8463 §4.2).
     *
     * @throws IllegalArgumentException for any other kind of key
     */
    public static String dnsTxtRecord(PublicKey publicKey) {
        if (publicKey instanceof RSAPublicKey) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey.getEncoded());
        }
        if (publicKey instanceof EdECPublicKey ed
                && "Ed25519".equals(ed.getParams().getName())) {
            return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(rawEd25519(ed));
        }
        throw new IllegalArgumentException("not an RSA or Ed25519 public key: " + publicKey.getAlgorithm());
    }

    /**
     * The record text cut into TXT character-strings of at most 255 characters, as a zone file or DNS API needs them
     * for a 2048-bit RSA key (the verifier joins them, RFC 6376 §3.6.2.2).
     */
    public static List<String> txtStrings(String record) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < record.length(); i += TXT_STRING_MAX) {
            strings.add(record.substring(i, Math.min(record.length(), i + TXT_STRING_MAX)));
        }
        return strings;
    }

    private static byte[] rawEd25519(EdECPublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != ED25519_SPKI_PREFIX.length + ED25519_KEY_LENGTH
                || !Arrays.equals(
                        spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("unexpected Ed25519 public key encoding");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + algorithm + " keys", e);
        }
    }
}
