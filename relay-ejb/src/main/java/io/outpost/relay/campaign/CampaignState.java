package io.outpost.relay.campaign;

import java.util.Locale;

/**
 * Where a campaign stands. SCHEDULED waits for its time; SENDING submits a batch each turn of the sender; SENT has
 * submitted every subscriber; PAUSED submits nothing until resumed; CANCELLED never sends again. SENT and CANCELLED are
 * final.
 */
public enum CampaignState {
    SCHEDULED,
    SENDING,
    PAUSED,
    SENT,
    CANCELLED;

    /** What a user asks of a campaign. */
    public enum Action {
        PAUSE,
        RESUME,
        CANCEL
    }

    /** Whether the sender takes it once its time has come. */
    public boolean sends() {
        return this == SCHEDULED || this == SENDING;
    }

    public boolean isFinal() {
        return this == SENT || this == CANCELLED;
    }

    /** Whether {@code action} applies to a campaign in this state: a paused one only resumes, a final one nothing. */
    public boolean allows(Action action) {
        return switch (action) {
            case PAUSE -> sends();
            case RESUME -> this == PAUSED;
            case CANCEL -> !isFinal();
        };
    }

    /**
     * The state after {@code action}, which {@link #allows} it; a resumed campaign whose time has not come waits for it.
     *
     * @param due whether the campaign's send-at has come
     */
    public CampaignState after(Action action, boolean due) {
        if (!allows(action)) {
            throw new IllegalStateException(
                    "a " + wireName() + " campaign cannot " + action.name().toLowerCase(Locale.ROOT));
        }
        return switch (action) {
            case PAUSE -> PAUSED;
            case RESUME -> due ? SENDING : SCHEDULED;
            case CANCEL -> CANCELLED;
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
