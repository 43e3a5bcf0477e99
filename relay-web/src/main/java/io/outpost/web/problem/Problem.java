package io.outpost.web.problem;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;

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
    /** RFC 9457 §4.2.1: the problem has no more meaning than its HTTP status. */
    public static final String BLANK = "about:blank";

    /** One field of the request that cannot be used, and why. */
    public record InvalidParam(String name, String reason) {}

    public Problem {
        invalidParams = List.copyOf(invalidParams);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    /** The problem as the JSON body of a response, for code outside JAX-RS (the authentication mechanism). */
    public String toJson() {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail);
        if (!invalidParams.isEmpty()) {
            JsonArrayBuilder params = Json.createArrayBuilder();
            invalidParams.forEach(p ->
                    params.add(Json.createObjectBuilder().add("name", p.name()).add("reason", p.reason())));
            body.add("invalid-params", params);
        }
        return body.build().toString();
    }
}
