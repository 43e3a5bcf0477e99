package io.outpost.relay.audience;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Everything the audiences hold about one address of one tenant, for a data subject's access request (GDPR Art. 15):
 * each subscription with its attributes and proof of consent.
 */
public record AddressHoldings(EmailAddress address, List<Subscription> subscriptions) {

    /** One audience the address is on, and what is held about it there. */
    public record Subscription(Audience audience, Subscriber subscriber) {}

    public AddressHoldings {
        subscriptions = List.copyOf(subscriptions);
    }

    /** As JSON: {@code {"address", "subscriptions": [{"audienceName", subscriber as the API shows it…}]}}. */
    public JsonObject json() {
        JsonArrayBuilder held = CachedJson.createArrayBuilder();
        subscriptions.forEach(s -> held.add(SubscriberJson.of(s.subscriber())
                .add("audienceName", s.audience().settings().name())));
        return CachedJson.createObjectBuilder()
                .add("address", address.toString())
                .add("subscriptions", held)
                .build();
    }
}
