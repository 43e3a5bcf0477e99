package io.outpost.relay.queue;

/**
 * What an operator's action did.
 *
 * @param recipients how many recipients it changed
 * @param inFlight how many it left alone because an attempt holds them now (their outcome is recorded as usual)
 * @param notices how many DSNs a purge queued to the senders
 */
public record OperatorOutcome(int recipients, int inFlight, int notices) {

    /** This and {@code more}: one action's parts added up. */
    public OperatorOutcome plus(OperatorOutcome more) {
        return new OperatorOutcome(recipients + more.recipients, inFlight + more.inFlight, notices + more.notices);
    }
}
