package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's {@code Idempotency-Key} for one HTTP request, with the SHA-256 of the request it came with: the same key
 * with another request is a client's mistake, not a retry.
 *
 * @param key 1 to 255 visible US-ASCII characters, as the client chose them
 * @param requestSha256 the request's digest, 64 lower-case hex digits
 */
public record IdempotencyKey(TenantId tenant, String key, String requestSha256) implements IdempotencyMark {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    public IdempotencyKey {
        Objects.requireNonNull(tenant, "tenant");
        if (!isValid(key)) {
            throw new IllegalArgumentException("an idempotency key is 1 to 255 visible US-ASCII characters");
        }
        Objects.requireNonNull(requestSha256, "requestSha256");
    }

    /** True for 1 to 255 visible US-ASCII characters (no space, no control character). */
    public static boolean isValid(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}
