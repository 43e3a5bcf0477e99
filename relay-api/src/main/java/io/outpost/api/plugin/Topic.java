package io.outpost.api.plugin;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A topic of a tenant's bulk mail (newsletter, offers, product news): a message names one, and a recipient may leave one
 * topic and keep the others. Its name is a short lower-case token, the same in the API, the {@code X-Outpost-Topic}
 * field and a suppression list.
 */
public record Topic(String name) {

    /** Longest name, in characters. */
    public static final int MAX_LENGTH = 40;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

    public Topic {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a topic is 1 to " + MAX_LENGTH
                    + " lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
    }

    /** The topic named {@code name}, as a request or a field wrote it (surrounding space and case ignored). */
    public static Topic of(String name) {
        return new Topic(name.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name;
    }
}
