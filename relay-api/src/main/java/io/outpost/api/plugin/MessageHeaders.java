package io.outpost.api.plugin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A message's header fields in the order they appear, looked up by name without regard to case (RFC 5322 §1.2.2). */
public record MessageHeaders(List<HeaderField> fields) {

    public MessageHeaders {
        fields = List.copyOf(fields);
    }

    /** Every field named {@code name}, in order. */
    public List<HeaderField> all(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return fields.stream()
                .filter(field -> field.name().toLowerCase(Locale.ROOT).equals(wanted))
                .toList();
    }

    /** The value of the first field named {@code name}, stripped of surrounding white space. */
    public Optional<String> first(String name) {
        return all(name).stream().findFirst().map(field -> field.value().strip());
    }
}
