package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-domain routing overrides, like Postfix's {@code transport_maps}: {@code example.test=127.0.0.1:2526} sends that
 * domain's mail to a fixed host, {@code .example.test=...} does the same for its subdomains, {@code *=...} for all other
 * domains (a smarthost). The most specific entry wins: the exact domain, then each parent domain, then {@code *}.
 *
 * <p>Immutable and safe for concurrent use.
 */
public final class TransportMap {

    private static final String WILDCARD = "*";

    private final Map<String, Destination> entries;

    private TransportMap(Map<String, Destination> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** No overrides: every domain is routed by its MX records. */
    public static TransportMap none() {
        return new TransportMap(Map.of());
    }

    /**
     * Parses comma-separated {@code key=destination} entries; an empty or blank string means no overrides. Throws
     * {@link IllegalArgumentException} naming the first bad entry.
     */
    public static TransportMap parse(String text) {
        Map<String, Destination> entries = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return none();
        }
        for (String entry : text.split(",")) {
            String trimmed = entry.strip();
            try {
                int equals = trimmed.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("expected key=destination");
                }
                String key = key(trimmed.substring(0, equals).strip());
                if (entries.put(key, Destination.parse(trimmed.substring(equals + 1))) != null) {
                    throw new IllegalArgumentException("duplicate key " + key);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "invalid transport map entry '" + trimmed + "': " + e.getMessage(), e);
            }
        }
        return new TransportMap(entries);
    }

    /** The override for {@code domain}, or empty when its MX records decide. */
    public Optional<Destination> routeFor(Domain domain) {
        String name = domain.name();
        Destination exact = entries.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            Destination parent = entries.get(name.substring(dot));
            if (parent != null) {
                return Optional.of(parent);
            }
        }
        return Optional.ofNullable(entries.get(WILDCARD));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static String key(String key) {
        if (key.equals(WILDCARD)) {
            return key;
        }
        if (key.startsWith(".")) {
            return "." + Domain.of(key.substring(1)).name();
        }
        return Domain.of(key).name();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
