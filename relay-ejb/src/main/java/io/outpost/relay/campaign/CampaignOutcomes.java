package io.outpost.relay.campaign;

import io.outpost.relay.queue.RecipientState;
import java.util.Map;

/**
 * What became of a campaign's messages as the queue has them: its recipients by state, and how many of its messages
 * were unsubscribed from or complained about.
 */
public record CampaignOutcomes(Map<RecipientState, Long> recipients, long unsubscribed, long complained) {

    public CampaignOutcomes {
        recipients = Map.copyOf(recipients);
    }

    public long in(RecipientState state) {
        return recipients.getOrDefault(state, 0L);
    }
}
