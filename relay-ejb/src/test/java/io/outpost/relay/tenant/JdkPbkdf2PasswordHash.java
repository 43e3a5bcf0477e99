package io.outpost.relay.tenant;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The JDK's PBKDF2 behind Jakarta Security's interface, in the spec's {@code algorithm:iterations:salt:hash} form: what
 * Liberty provides inside the server, for tests outside it. Counts verifications so tests can see the work was done.
 */
final class JdkPbkdf2PasswordHash implements Pbkdf2PasswordHash {

    private String algorithm = "PBKDF2WithHmacSHA256";
    private int iterations = 1000;
    private int saltBytes = 32;
    private int keyBytes = 32;
    int verifications;

    @Override
    public void initialize(Map<String, String> parameters) {
        algorithm = parameters.getOrDefault("Pbkdf2PasswordHash.Algorithm", algorithm);
        iterations = Integer.parseInt(parameters.getOrDefault("Pbkdf2PasswordHash.Iterations", "1000"));
        saltBytes = Integer.parseInt(parameters.getOrDefault("Pbkdf2PasswordHash.SaltSizeBytes", "32"));
        keyBytes = Integer.parseInt(parameters.getOrDefault("Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    @Override
    public String generate(char[] password) {
        byte[] salt = new byte[saltBytes];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return algorithm + ":" + iterations + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(derive(algorithm, password, salt, iterations, keyBytes));
    }

    @Override
    public boolean verify(char[] password, String hashedPassword) {
        verifications++;
        String[] parts = hashedPassword.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad hash");
        }
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(
                parts[0], password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String algorithm, char[] password, byte[] salt, int iterations, int bytes) {
        try {
            return SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(password, salt, iterations, bytes * 8))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
