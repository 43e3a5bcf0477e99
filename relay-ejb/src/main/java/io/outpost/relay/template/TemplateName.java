package io.outpost.relay.template;

import java.util.regex.Pattern;

/** The name a tenant gives a template, and finds it by: a slug, as it appears in paths and requests. */
public record TemplateName(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public TemplateName {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
