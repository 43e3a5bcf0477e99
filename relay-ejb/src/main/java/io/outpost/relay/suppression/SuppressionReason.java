package io.outpost.relay.suppression;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why an address is suppressed. */
public enum SuppressionReason {
    /** Its server said it does not exist, or refused it for good (a 5xx reply or a DSN). */
    HARD_BOUNCE,
    /**
     * It bounced softly (a full mailbox, a recipient deferred until the queue gave up) too many times in a row: see
     * {@link SoftBounceRule}. Such an entry expires.
     */
    SOFT_BOUNCE,
    /** Its owner marked a message as spam (a feedback-loop report, RFC 5965). */
    COMPLAINT,
    /** Its owner unsubscribed (RFC 8058 one-click, the unsubscribe page, or mail to the List-Unsubscribe address). */
    UNSUBSCRIBE,
    /** Someone put it on the list by hand, through the API. */
    MANUAL,
    /** A policy of the tenant or operator keeps it off, for example an imported do-not-mail list. */
    POLICY;

    /** Its name as the HTTP API spells it: {@code hard_bounce}, {@code complaint}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason named {@code name} as the API spells it (in any case), or empty. */
    public static Optional<SuppressionReason> named(String name) {
        return Arrays.stream(values())
                .filter(reason -> reason.wireName().equalsIgnoreCase(name))
                .findFirst();
    }
}
