package io.outpost.web.json;

import io.outpost.relay.json.CachedJson;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.request.RequestHeaders;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads every JSON request body the resources take as a {@link JsonObject}: a body that is not JSON, not an object,
 * nested deeper than {@link #MAX_DEPTH} or in a charset Java does not know is a 400 or 415 problem naming the body,
 * before any resource sees it.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    /**
     * Deepest nesting of objects and arrays a request may have. The deepest request the API reads ({@code headers} of
     * a message) is two levels; the limit only stops a body built to exhaust the parser's stack.
     */
    public static final int MAX_DEPTH = 32;

    private static final JsonReaderFactory READERS = CachedJson.createReaderFactory(Map.of());

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(
            Class<JsonObject> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream body) {
        // RFC 8259 §8.1: JSON is UTF-8 when the sender names no other charset.
        String contentType = httpHeaders.getFirst(HttpHeaders.CONTENT_TYPE);
        Charset charset = contentType == null ? StandardCharsets.UTF_8 : RequestHeaders.charsetOf(contentType);
        return read(new InputStreamReader(body, charset));
    }

    /**
     * The JSON object {@code text} holds, an empty one for no text at all (a request whose fields are all optional may
     * leave the body out); a 400 problem if it is not JSON, not an object, or nested too deep.
     */
    public static JsonObject read(Reader text) {
        JsonValue value;
        try (PushbackReader body = new PushbackReader(text);
                JsonReader reader = READERS.createReader(new NestingLimit(body, MAX_DEPTH))) {
            int first = body.read();
            if (first < 0) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            body.unread(first);
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw ProblemException.malformedJson("The request body is not valid JSON: " + e.getMessage());
        } catch (JsonException | IOException e) {
            // An I/O error, such as a client that went away mid-body.
            throw ProblemException.malformedJson("The request body could not be read as JSON");
        }
        if (!(value instanceof JsonObject object)) {
            throw ProblemException.malformedJson("The request body must be a JSON object, not " + kind(value));
        }
        return object;
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
            case OBJECT -> "an object";
        };
    }
}
