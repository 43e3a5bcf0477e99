package io.outpost.relay.privacy;

/**
 * What an erasure removed.
 *
 * @param recipients the address's recipient rows, with their events
 * @param messages messages deleted whole, the address being their only recipient
 * @param subscriptions subscriptions to the tenant's audiences, with their proof of consent
 * @param suppressions entries of the tenant's lists now kept as a hash
 */
public record Erasure(int recipients, int messages, int subscriptions, int suppressions) {

    /** As the API answers and the ERASED event tells. */
    public String describe() {
        return recipients + " recipient records (" + messages + " messages deleted whole), " + subscriptions
                + " subscriptions, " + suppressions + " suppression entries kept as a hash";
    }
}
