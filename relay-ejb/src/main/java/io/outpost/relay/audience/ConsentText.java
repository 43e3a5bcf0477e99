package io.outpost.relay.audience;

import java.time.Instant;

/**
 * One version of what an audience asks its subscribers to agree to, shown from {@code since}. Never changed: a new
 * wording is a new version, so a proof keeps the text its subscriber saw. Version {@value #STATED} is a wording the
 * tenant stated for one subscriber (an import, an API call), not one the audience showed.
 */
public record ConsentText(int version, String wording, Instant since) {

    public static final int MAX_LENGTH = 4000;

    /** The version of a wording the tenant stated, which the audience never showed. */
    public static final int STATED = 0;

    public ConsentText {
        if (version < STATED) {
            throw new IllegalArgumentException("consent versions count from 1 (0: stated by the tenant)");
        }
    }

    /**
     * A wording fit to be agreed to.
     *
     * @throws IllegalArgumentException if it is blank or longer than {@link #MAX_LENGTH}
     */
    public static String checked(String wording) {
        if (wording.isBlank() || wording.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("1 to " + MAX_LENGTH + " characters");
        }
        return wording;
    }
}
