package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signing profiles intake asks for on every message, kept in memory: opening a sealed key and reading the checks
 * per message would cost a database round trip and an RSA key parse. A change on this node (a check, a rotation, a
 * domain added or removed) replaces the entry once committed; changes made on another node show within {@link #TTL}.
 */
@ApplicationScoped
public class SigningProfiles {

    /** How long an entry is used before it is read again; bounds how late another node's change is seen. */
    static final Duration TTL = Duration.ofSeconds(30);

    /** Entries kept at most; From: domains of the operator's own hosts are not bounded otherwise. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<SigningProfile> profile, long loadedAt) {}

    @EJB
    private DomainStore store;

    private final ConcurrentHashMap<Domain, Entry> entries = new ConcurrentHashMap<>();

    /** Counts invalidations, so a load that overlapped one is used once but not kept. */
    private final AtomicLong generation = new AtomicLong();

    /** The sending domain of exactly this name, if it is one. */
    public Optional<SigningProfile> find(Domain domain) {
        long now = System.nanoTime();
        Entry entry = entries.get(domain);
        if (entry == null || now - entry.loadedAt() > TTL.toNanos()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            long before = generation.get();
            entry = new Entry(store.signingProfile(domain), now);
            // A change committed while this load read the old state would otherwise be cached for the whole TTL.
            if (generation.get() == before) {
                entries.put(domain, entry);
            }
        }
        return entry.profile();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) SendingDomainChanged event) {
        generation.incrementAndGet();
        entries.remove(event.domain());
    }
}
