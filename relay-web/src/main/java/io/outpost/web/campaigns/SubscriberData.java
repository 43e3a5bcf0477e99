package io.outpost.web.campaigns;

import io.outpost.relay.campaign.CampaignRecipient;
import io.outpost.web.json.JsonData;
import java.util.Map;

/**
 * A subscriber's data for the template: their attributes, and their address as {@code email} (over an attribute of
 * that name, so that {@code {{email}}} always names the mailbox the message goes to).
 */
final class SubscriberData {

    static final String EMAIL = "email";

    private SubscriberData() {}

    static Map<String, Object> of(CampaignRecipient subscriber) {
        Map<String, Object> data = JsonData.of(subscriber.attributes());
        data.put(EMAIL, subscriber.address().toString());
        return data;
    }
}
