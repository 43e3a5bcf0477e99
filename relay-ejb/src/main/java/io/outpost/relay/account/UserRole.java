package io.outpost.relay.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a signed-in person may do in their tenant's API and UI. */
public enum UserRole {
    /** Everything the tenant's API allows, and inviting and removing the tenant's other users. */
    OWNER,
    /** Everything but the tenant's users: composes, tests and sends. */
    SENDER,
    /** Reads only: the message log, the statistics, the lists. */
    VIEWER;

    // RFC 9110 §9.2.1: the methods that change nothing.
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** The path of the tenant API that manages its users: its owners' alone. */
    public static final String USERS_PATH = "/api/v1/users";

    /** The user's own session: every role may read it and sign out. */
    public static final String SESSION_PATH = "/api/v1/session";

    /** True if this role may send {@code method} to {@code path} (relative to the application) of the tenant API. */
    public boolean permits(String method, String path) {
        if (path.equals(SESSION_PATH)) {
            return true;
        }
        boolean users = path.equals(USERS_PATH) || path.startsWith(USERS_PATH + "/");
        return switch (this) {
            case OWNER -> true;
            case SENDER -> !users;
            case VIEWER -> SAFE.contains(method) && !users;
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
