package io.outpost.web.security;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.tenant.CredentialState;
import io.outpost.relay.tenant.CredentialStates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.function.Predicate;

/**
 * API keys verified in the last {@link #TIME_TO_LIVE}, so that a client's every request does not pay a PBKDF2
 * verification (100 ms and more). Entries are keyed by the SHA-256 of the presented key, never the key itself, and the
 * map holds at most {@link #MAX_ENTRIES}; when it is full, further keys are simply verified each time. A remembered
 * verification counts only while the key is still active in {@link CredentialStates} (memory, no query): a key revoked
 * on this node is refused at once, one revoked on another node within {@link CredentialStates#TTL}. Thread-safe.
 */
@ApplicationScoped
public class VerifiedApiKeys {

    static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(String keyId, TenantId tenant, Instant expires) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final int maxEntries;
    private Predicate<String> active;

    @Inject
    private CredentialStates states;

    public VerifiedApiKeys() {
        this(InstantSource.system(), MAX_ENTRIES, null);
    }

    /** @param active whether the key of this id is still active; read from {@link CredentialStates} when null */
    VerifiedApiKeys(InstantSource clock, int maxEntries, Predicate<String> active) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.active = active;
    }

    @PostConstruct
    void create() {
        if (active == null) {
            active = keyId -> states.apiKey(keyId) instanceof CredentialState.Active;
        }
    }

    /** The tenant of {@code presentedKey} if it was verified less than {@link #TIME_TO_LIVE} ago and is active. */
    public Optional<TenantId> tenantOf(String presentedKey) {
        String digest = sha256(presentedKey);
        Entry entry = entries.get(digest);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires()) || !active.test(entry.keyId())) {
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
