package io.outpost.relay.campaign;

import io.outpost.api.mail.EmailAddress;
import jakarta.json.JsonObject;

/**
 * A confirmed subscriber as a campaign sends to them: their address and attributes (the template's data).
 *
 * @param place their place in the batch, which names their message under the batch's idempotency key
 */
public record CampaignRecipient(int place, long subscriberId, EmailAddress address, JsonObject attributes) {}
