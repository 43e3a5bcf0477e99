package io.outpost.relay.sending;

/**
 * Where a DKIM selector is in its life. A rotation creates {@code PENDING} selectors; once their records verify in DNS
 * they become {@code ACTIVE} and the ones they replace {@code RETIRING}, still published for the overlap so that mail
 * signed before (and still queued, or read late) verifies; then {@code RETIRED}, with the private key erased.
 */
public enum SelectorState {
    /** Generated and shown for publishing; signs nothing yet. */
    PENDING,
    /** Signs every message of the domain. */
    ACTIVE,
    /** Replaced; must stay in DNS until its retirement time. */
    RETIRING,
    /** Gone: the owner may delete its record; the private key is erased. */
    RETIRED;

    /** True while the owner must keep the record in DNS. */
    public boolean published() {
        return this != RETIRED;
    }
}
