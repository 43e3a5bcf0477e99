package io.outpost.relay.audience;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a subscription stands: only a confirmed one counts. */
public enum SubscriberState {
    /** Asked for; the confirmation message is out, its link not yet followed. */
    PENDING,
    /** Confirmed by the subscriber (or imported with the tenant's proof). */
    CONFIRMED,
    /** Withdrawn: the proof of the earlier consent stays, with when it was withdrawn. */
    UNSUBSCRIBED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of this API name, if any. */
    public static Optional<SubscriberState> named(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
