package io.outpost.api.plugin;

import java.util.Objects;

/**
 * One header field of a message (RFC 5322 §2.2): its name as written and its value unfolded (the line breaks before
 * continuation lines removed, RFC 5322 §2.2.3), without the line end. The value is the raw text: encoded words (RFC
 * 2047) are not decoded.
 */
public record HeaderField(String name, String value) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
