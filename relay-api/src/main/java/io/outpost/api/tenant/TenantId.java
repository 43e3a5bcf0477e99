package io.outpost.api.tenant;

import java.util.regex.Pattern;

/**
 * The id of a tenant: 1 to 63 characters of lower-case letters, digits, {@code -}, {@code _} and {@code .}, starting
 * with a letter or digit, so that it is safe in file names, URLs and log lines.
 */
public record TenantId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    // Declared after SYNTAX, which the constructor needs during class initialisation.
    /** The tenant of a relay that has only one, and of credentials that name none. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        if (value == null || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "invalid tenant id (1-63 of a-z 0-9 . _ -, starting with a letter or digit): " + value);
        }
    }

    /** Parses a tenant id, throwing {@link IllegalArgumentException} with the reason. */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
