package io.outpost.web.json;

import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the fields of a JSON request body, collecting every field that cannot be used so that one 400 names them all
 * ({@link #check()}).
 */
public final class RequestFields {

    private final JsonObject body;
    private final List<InvalidParam> invalid = new ArrayList<>();

    public RequestFields(JsonObject body) {
        this.body = body != null ? body : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** A required string field parsed by {@code parser}, whose {@link IllegalArgumentException} names the problem. */
    public <T> Optional<T> required(String name, Function<String, T> parser) {
        if (!body.containsKey(name) || body.isNull(name)) {
            invalid.add(new InvalidParam(name, "is required"));
            return Optional.empty();
        }
        return optional(name, parser);
    }

    /** An optional string field; absent or null is empty. */
    public <T> Optional<T> optional(String name, Function<String, T> parser) {
        if (!body.containsKey(name) || body.isNull(name)) {
            return Optional.empty();
        }
        return parse(name, body.get(name), parser);
    }

    /** An optional positive whole number; absent or null is empty (unlimited). */
    public Optional<Integer> optionalPositive(String name) {
        if (!body.containsKey(name) || body.isNull(name)) {
            return Optional.empty();
        }
        JsonValue value = body.get(name);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            long n = number.longValue();
            if (n >= 1 && n <= Integer.MAX_VALUE) {
                return Optional.of((int) n);
            }
        }
        invalid.add(new InvalidParam(name, "must be a positive whole number, or null for unlimited"));
        return Optional.empty();
    }

    /** An optional true or false; absent or null is empty. */
    public Optional<Boolean> optionalBoolean(String name) {
        if (!body.containsKey(name) || body.isNull(name)) {
            return Optional.empty();
        }
        JsonValue value = body.get(name);
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        invalid.add(new InvalidParam(name, "must be true or false"));
        return Optional.empty();
    }

    /** A required array of strings, each parsed; errors name the element ({@code domains[2]}). */
    public <T> List<T> requiredList(String name, Function<String, T> parser) {
        if (!(body.get(name) instanceof JsonArray array)) {
            invalid.add(new InvalidParam(name, "is required: a list of strings"));
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            parse(name + "[" + i + "]", array.get(i), parser).ifPresent(values::add);
        }
        return values;
    }

    public void reject(String name, String reason) {
        invalid.add(new InvalidParam(name, reason));
    }

    /** Throws the 400 problem naming every invalid field, if any. */
    public void check() {
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
    }

    private <T> Optional<T> parse(String name, JsonValue value, Function<String, T> parser) {
        if (!(value instanceof JsonString text)) {
            invalid.add(new InvalidParam(name, "must be a string"));
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.getString()));
        } catch (IllegalArgumentException e) {
            invalid.add(new InvalidParam(name, e.getMessage()));
            return Optional.empty();
        }
    }
}
