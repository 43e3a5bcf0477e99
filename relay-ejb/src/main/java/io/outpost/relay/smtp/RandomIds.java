package io.outpost.relay.smtp;

import java.security.SecureRandom;

/** Unguessable identifiers for Received "id" clauses and Message-IDs (RFC 5322 §3.6.4 wants them unique). */
public final class RandomIds {

    // Crockford base32: no letters that read like digits, safe in any header and case-insensitive contexts.
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {}

    /** 16 characters, 80 random bits. */
    public static String next() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
