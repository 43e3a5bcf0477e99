package io.outpost.web.problem;

import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A problem detail (RFC 9457 §3): a stable {@code type} URI a client may switch on, a short {@code title} per type,
 * the HTTP {@code status}, a human {@code detail} for this occurrence and, for validation errors, the offending fields
 * as {@code invalid-params} (the extension member of RFC 9457's own example).
 */
public record Problem(String type, String title, int status, String detail, List<InvalidParam> invalidParams) {

    /** The media type of RFC 9457 §6.1. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public static final String VALIDATION = "urn:outpost:problem:validation";
    public static final String MALFORMED_JSON = "urn:outpost:problem:malformed-json";
    public static final String NOT_FOUND = "urn:outpost:problem:not-found";
    public static final String CONFLICT = "urn:outpost:problem:conflict";
    public static final String INTERNAL = "urn:outpost:problem:internal";
    /** 401: no credentials, or credentials that are malformed, unknown, revoked or wrong. */
    public static final String UNAUTHORIZED = "urn:outpost:problem:unauthorized";
    /** 429: too many failed logins from the client's address or for the name; blocked for a while. */
    public static final String TOO_MANY_FAILURES = "urn:outpost:problem:too-many-failed-logins";
    /** 403: authenticated, but in a role that may not use this part of the API. */
    public static final String FORBIDDEN = "urn:outpost:problem:forbidden";
    /** 400: a header the API reads ({@code Accept}, {@code Content-Type}) is malformed. */
    public static final String MALFORMED_HEADER = "urn:outpost:problem:malformed-header";
    /** 413: the request body is larger than {@code outpost.http.max-request-size}. */
    public static final String TOO_LARGE = "urn:outpost:problem:request-too-large";
    /** 415: the body is not in a media type or charset the API reads. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "urn:outpost:problem:unsupported-media-type";
    /** 503: the database cannot be reached just now; try again after {@code Retry-After} seconds. */
    public static final String UNAVAILABLE = "urn:outpost:problem:unavailable";
    /** RFC 9457 §4.2.1: the problem has no more meaning than its HTTP status. */
    public static final String BLANK = "about:blank";

    /** One field of the request that cannot be used, and why. */
    public record InvalidParam(String name, String reason) {}

    private static final int RETRY_AFTER_SECONDS = 60;

    /** 404 for a path nothing serves, whether the container or JAX-RS found nothing. */
    public static Problem notFound(String path) {
        return new Problem(NOT_FOUND, "Not found", 404, "Nothing is served at " + path, List.of());
    }

    /** 405 for a method the path does not take (RFC 9110 §15.5.6). */
    public static Problem methodNotAllowed(String method, String path) {
        return new Problem(BLANK, "Method Not Allowed", 405, method + " is not allowed on " + path, List.of());
    }

    public Problem {
        invalidParams = List.copyOf(invalidParams);
    }

    /** The response; a 503 or 429 also says when to try again (RFC 9110 §10.2.3). */
    public Response toResponse() {
        Response.ResponseBuilder response =
                Response.status(status).type(MEDIA_TYPE).entity(toJson());
        retryAfter().ifPresent(seconds -> response.header("Retry-After", seconds));
        return response.build();
    }

    /** As {@link #toResponse()}, with RFC 9457 §3.2 extension members (names a client may ignore) in the body. */
    public Response toResponse(Map<String, String> members) {
        Response.ResponseBuilder response =
                Response.status(status).type(MEDIA_TYPE).entity(toJson(members));
        retryAfter().ifPresent(seconds -> response.header("Retry-After", seconds));
        return response.build();
    }

    /** Seconds a client waits before it tries again, for the statuses that mean "later" (503, 429). */
    public Optional<Integer> retryAfter() {
        return status == 503 || status == 429 ? Optional.of(RETRY_AFTER_SECONDS) : Optional.empty();
    }

    /** Writes the problem as the whole response, for servlets and filters outside JAX-RS. */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        retryAfter().ifPresent(seconds -> response.setIntHeader("Retry-After", seconds));
        response.getWriter().write(toJson());
    }

    /** The problem as the JSON body of a response, for code outside JAX-RS (the authentication mechanism). */
    public String toJson() {
        return toJson(Map.of());
    }

    private String toJson(Map<String, String> members) {
        return json(members).toString();
    }

    /** The problem as a JSON object with these extension members, for answers that carry several (a batch's). */
    public JsonObject json(Map<String, String> members) {
        JsonObjectBuilder body = CachedJson.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail);
        if (!invalidParams.isEmpty()) {
            JsonArrayBuilder params = CachedJson.createArrayBuilder();
            invalidParams.forEach(p -> params.add(
                    CachedJson.createObjectBuilder().add("name", p.name()).add("reason", p.reason())));
            body.add("invalid-params", params);
        }
        members.forEach(body::add);
        return body.build();
    }
}
