package io.outpost.web.messages;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.IdempotencyKey;
import io.outpost.web.problem.Problem;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} request header (the IETF httpapi draft, as Stripe and Postmark clients send it): a
 * request retried with the same key gets the first answer, and creates nothing new, for at least a day
 * ({@code outpost.http.idempotency-window}). The key is the tenant's: two tenants may use the same one. The request is
 * remembered by the SHA-256 of its JSON as parsed, so the same key with another request is refused (422), never
 * mistaken for a retry. A request claims its key before it runs: a second one while it runs gets 409, and only a
 * request that created a message keeps it: a refused one may be sent again.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";

    /** Set on an answer that is a replay of the first one. */
    static final String REPLAYED = "Idempotent-Replayed";

    static final String REUSED = "urn:outpost:problem:idempotency-key-reused";
    static final String IN_USE = "urn:outpost:problem:idempotency-key-in-use";

    private IdempotencyKeys() {}

    /** The request's key, if it has one; a 400 naming the header for one that is not 1 to 255 visible characters. */
    static Optional<IdempotencyKey> of(String header, TenantId tenant, JsonObject body) {
        return of(header, tenant, body.toString());
    }

    /**
     * A batch's key, as {@link #of}: remembered by a digest of its own, so the same JSON sent once as a message and once
     * as a batch is two requests.
     */
    static Optional<IdempotencyKey> ofBatch(String header, TenantId tenant, JsonObject body) {
        return of(header, tenant, "batch " + body);
    }

    private static Optional<IdempotencyKey> of(String header, TenantId tenant, String request) {
        if (header == null) {
            return Optional.empty();
        }
        if (!IdempotencyKey.isValid(header)) {
            throw new ProblemException(new Problem(
                    Problem.VALIDATION,
                    "Invalid request",
                    400,
                    "the Idempotency-Key header must be 1 to 255 visible US-ASCII characters",
                    List.of(new InvalidParam(HEADER, "1 to 255 visible US-ASCII characters, no spaces"))));
        }
        return Optional.of(new IdempotencyKey(tenant, header, sha256(request)));
    }

    static Problem reused(String key) {
        return new Problem(
                REUSED,
                "Idempotency key reused",
                422,
                "the Idempotency-Key " + key + " was used before with another request; use a new key for a new message",
                List.of(new InvalidParam(HEADER, "used before with another request")));
    }

    /** 409: the first request with the key has not finished; the client asks again in a moment and gets its answer. */
    static Problem inUse(String key) {
        return new Problem(
                IN_USE,
                "Idempotency key in use",
                409,
                "a request with the Idempotency-Key " + key + " is still running; ask again in a moment",
                List.of(new InvalidParam(HEADER, "in use by a request that has not finished")));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
