package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.cache.ExpiringCache;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What intake asks of sending domains for every message, kept in memory: a domain's signing profile (opening a
 * sealed key and reading the checks per message would cost database round trips and an RSA key parse) and a tenant's
 * domain names (for sender binding at MAIL FROM and at the From: field). A change on this node (a check, a rotation, a
 * domain added or removed) replaces the entries once committed; another node's change shows within {@link #TTL}.
 */
@ApplicationScoped
public class SigningProfiles {

    /** How long an entry is used before it is read again; bounds how late another node's change is seen. */
    static final Duration TTL = Duration.ofSeconds(30);

    /** Entries kept at most; From: domains of the operator's own hosts are not bounded otherwise. */
    private static final int MAX_ENTRIES = 10_000;

    @EJB
    private DomainStore store;

    private ExpiringCache<Domain, Optional<SigningProfile>> profiles;
    private ExpiringCache<TenantId, Optional<List<Domain>>> domainNames;

    @PostConstruct
    void create() {
        profiles = new ExpiringCache<>(store::signingProfile, TTL, MAX_ENTRIES, System::nanoTime);
        domainNames = new ExpiringCache<>(store::domainNames, TTL, MAX_ENTRIES, System::nanoTime);
    }

    /** The sending domain of exactly this name, if it is one. */
    public Optional<SigningProfile> find(Domain domain) {
        return profiles.get(domain);
    }

    /** The tenant's sending domain names, or empty if there is no such tenant. */
    public Optional<List<Domain>> domainNames(TenantId tenant) {
        return domainNames.get(tenant);
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) SendingDomainChanged event) {
        profiles.invalidate(event.domain());
        // Which tenant the domain belonged to is not in the event; changes are rare, so every tenant is read again.
        domainNames.invalidateAll();
    }
}
