package io.outpost.relay.tenant;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as a client presents it, {@code keyId + "." + secret}, split into its public id and its secret. Parsing
 * checks only the shape; whether the key exists and matches is the store's question.
 */
public record PresentedApiKey(String keyId, String secret) {

    // The key id is "op_" and URL-safe base64 (the column holds 64 characters); the secret is URL-safe base64.
    private static final Pattern KEY_ID = Pattern.compile("op_[A-Za-z0-9_-]{1,61}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /** The key id and secret of {@code presented}, or empty if it does not have the shape of an API key. */
    public static Optional<PresentedApiKey> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        int dot = presented.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String keyId = presented.substring(0, dot);
        String secret = presented.substring(dot + 1);
        if (!KEY_ID.matcher(keyId).matches() || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new PresentedApiKey(keyId, secret));
    }

    @Override
    public String toString() {
        return "PresentedApiKey[" + keyId + ", secret=(hidden)]";
    }
}
