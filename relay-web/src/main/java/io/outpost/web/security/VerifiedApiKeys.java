package io.outpost.web.security;

import io.outpost.api.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys verified in the last {@link #TIME_TO_LIVE}, so that a client's every request does not pay a PBKDF2
 * verification (100 ms and more). Entries are keyed by the SHA-256 of the presented key, never the key itself, and the
 * map holds at most {@link #MAX_ENTRIES}; when it is full, further keys are simply verified each time. Revoking a key
 * through the admin API forgets it here at once ({@link ApiKeyRevoked}); other nodes may accept it until their entry
 * expires. Thread-safe.
 */
@ApplicationScoped
public class VerifiedApiKeys {

    static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(String keyId, TenantId tenant, Instant expires) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final int maxEntries;

    public VerifiedApiKeys() {
        this(InstantSource.system(), MAX_ENTRIES);
    }

    VerifiedApiKeys(InstantSource clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /** The tenant of {@code presentedKey} if it was verified less than {@link #TIME_TO_LIVE} ago. */
    public Optional<TenantId> tenantOf(String presentedKey) {
        String digest = sha256(presentedKey);
        Entry entry = entries.get(digest);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(digest, entry);
            return Optional.empty();
        }
        return Optional.of(entry.tenant());
    }

    /** Remembers that {@code presentedKey}, whose public id is {@code keyId}, was just verified as {@code tenant}'s. */
    public void remember(String keyId, String presentedKey, TenantId tenant) {
        Instant now = clock.instant();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(sha256(presentedKey), new Entry(keyId, tenant, now.plus(TIME_TO_LIVE)));
    }

    /** Forgets every verification of the revoked key on this node. */
    public void forget(@Observes ApiKeyRevoked revoked) {
        entries.values().removeIf(e -> e.keyId().equals(revoked.keyId()));
    }

    int size() {
        return entries.size();
    }

    private static String sha256(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
