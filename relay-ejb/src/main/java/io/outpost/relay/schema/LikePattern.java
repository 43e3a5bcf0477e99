package io.outpost.relay.schema;

import java.util.Locale;

/**
 * A JPQL {@code LIKE} pattern that finds a text anywhere in a folded (lower-case) column, its own {@code %}, {@code _}
 * and backslash matching only themselves; the query says {@code ESCAPE '\'}.
 */
public final class LikePattern {

    private LikePattern() {}

    public static String containing(String text) {
        return "%"
                + text.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
    }
}
