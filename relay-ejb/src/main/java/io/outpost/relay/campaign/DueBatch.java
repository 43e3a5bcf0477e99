package io.outpost.relay.campaign;

import java.util.List;

/**
 * A claimed campaign's batch, ready to send: the campaign, the credential and client its messages are submitted as,
 * the pinned batch and those of its subscribers still confirmed now (the others are left out, not sent to).
 */
public record DueBatch(
        Campaign campaign,
        String submittedAs,
        String clientAddress,
        PinnedBatch batch,
        List<CampaignRecipient> recipients) {

    public DueBatch {
        recipients = List.copyOf(recipients);
    }
}
