package io.outpost.relay.bounce;

import java.util.Locale;
import java.util.Optional;

/** What a bounce says of its address: only a hard bounce says the address itself will never take mail. */
public enum BounceClass {
    /** The address does not exist, or its domain does not: suppressed at once. */
    HARD,
    /** A temporary trouble at the receiver: the address may work later. */
    SOFT,
    /** The mailbox exists but is full: it may be emptied, or abandoned. */
    MAILBOX_FULL,
    /** The receiver refused the message or its sender (spam, reputation, authentication), not the address. */
    POLICY,
    /** Nothing in the reply tells which. */
    UNKNOWN;

    /**
     * True for a bounce that says the address may work later but does not now: counted, and suppressed only when it
     * keeps happening. A policy block says nothing of the address, so it is not counted.
     */
    public boolean isSoft() {
        return this == SOFT || this == MAILBOX_FULL;
    }

    /** As the rule table, events and the API spell it: {@code hard}, {@code mailbox_full}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * How a BOUNCED event's detail ends, {@code ; bounce class hard}: the statistics count hard bounces by it, and the
     * API's readers see it.
     */
    public String inEventDetail() {
        return "; bounce class " + wireName();
    }

    /** The class spelled {@code name} (in any case), if there is one. */
    public static Optional<BounceClass> named(String name) {
        for (BounceClass value : values()) {
            if (value.wireName().equalsIgnoreCase(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
