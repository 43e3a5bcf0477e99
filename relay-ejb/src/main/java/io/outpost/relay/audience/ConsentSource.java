package io.outpost.relay.audience;

import java.util.Locale;

/** How a subscription was asked for, as its proof tells it. */
public enum ConsentSource {
    /** The tenant's application called the API on the subscriber's behalf. */
    API,
    /** The subscriber filled in the audience's form that Outpost serves. */
    FORM,
    /** The tenant imported the subscriber with the proof of consent it already held. */
    IMPORT;

    /** As the API names it: {@code api}, {@code form}, {@code import}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
