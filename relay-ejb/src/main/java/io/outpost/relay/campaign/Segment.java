package io.outpost.relay.campaign;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The subscribers of an audience a campaign goes to: those whose attribute {@code attribute} is {@code value}. The
 * attributes are a flat JSON object; a string matches its text exactly, a number its decimal form ({@code 7} and
 * {@code 7.0} are one), {@code true}/{@code false} their words; a missing attribute or null matches nothing.
 */
public record Segment(String attribute, String value) {

    public static final int MAX_ATTRIBUTE = 64;
    public static final int MAX_VALUE = 256;

    private static final Pattern NAME = Pattern.compile("[^\\x00-\\x1f\\x7f]{1," + MAX_ATTRIBUTE + "}");

    public Segment {
        Objects.requireNonNull(value, "value");
        if (attribute == null || !NAME.matcher(attribute).matches()) {
            throw new IllegalArgumentException("an attribute name is 1 to " + MAX_ATTRIBUTE + " characters, one line");
        }
        if (value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("a segment's value has at most " + MAX_VALUE + " characters");
        }
    }

    /** Whether a subscriber with these attributes is in the segment. */
    public boolean matches(JsonObject attributes) {
        JsonValue found = attributes.get(attribute);
        if (found == null) {
            return false;
        }
        return switch (found.getValueType()) {
            case STRING -> ((JsonString) found).getString().equals(value);
            case NUMBER -> sameNumber((JsonNumber) found);
            case TRUE -> value.equals("true");
            case FALSE -> value.equals("false");
            default -> false;
        };
    }

    private boolean sameNumber(JsonNumber number) {
        try {
            return number.bigDecimalValue().compareTo(new java.math.BigDecimal(value)) == 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
