package io.outpost.relay.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;
import java.util.Collection;
import java.util.Map;

/**
 * {@link jakarta.json.Json}'s factory methods on one provider looked up once. Each of {@code Json}'s own methods looks
 * the provider up again ({@link JsonProvider#provider()}: a failed {@code Class.forName} for OSGi, then a
 * {@code ServiceLoader} scan), which a profile of the HTTP API found costing more than building the JSON itself. A
 * provider is thread-safe: every call makes a new builder or reader.
 */
public final class CachedJson {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private CachedJson() {}

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonReaderFactory createReaderFactory(Map<String, ?> config) {
        return PROVIDER.createReaderFactory(config);
    }
}
