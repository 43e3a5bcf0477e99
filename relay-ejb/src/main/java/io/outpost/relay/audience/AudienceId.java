package io.outpost.relay.audience;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The public name of an audience, in the API and in its hosted form's URL: {@code au_} and 128 random bits, so that
 * nobody finds an audience's form by counting.
 */
public record AudienceId(String value) {

    private static final Pattern FORM = Pattern.compile("au_[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public AudienceId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an audience id: au_ and 22 base64url characters");
        }
    }

    static AudienceId random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return new AudienceId("au_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
    }

    @Override
    public String toString() {
        return value;
    }
}
