package io.outpost.relay.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a signed-in person may do in their tenant's API and UI. */
public enum UserRole {
    /** Everything the tenant's API allows: its users, webhooks, sending domains and erasures too. */
    OWNER,
    /** Composes, tests and sends, and keeps the lists; not the tenant's users, webhooks, domains or erasures. */
    SENDER,
    /** Reads only: the message log, the statistics, the lists. */
    VIEWER;

    // RFC 9110 §9.2.1: the methods that change nothing.
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** What a part of the tenant API is for, as its resource declares it. */
    public enum Access {
        /** The user's own session: signing in and out, reading who they are, accepting an invitation. */
        OWN_SESSION,
        /** Sending and reading mail and its lists: what most of the API is. */
        SENDING,
        /** The tenant's users, webhooks, sending domains and erasures: what outlives a user or sends data away. */
        OWNERS
    }

    /** True if this role may send {@code method} to a part of the API for {@code access}. */
    public boolean permits(String method, Access access) {
        return switch (access) {
            case OWN_SESSION -> true;
            case OWNERS -> this == OWNER;
            case SENDING -> this != VIEWER || SAFE.contains(method);
        };
    }

    /** As the API spells it: {@code owner}, {@code sender}, {@code viewer}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role spelled {@code name} (any case), if there is one. */
    public static Optional<UserRole> named(String name) {
        for (UserRole role : values()) {
            if (role.wireName().equalsIgnoreCase(name.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
