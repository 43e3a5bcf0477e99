package io.outpost.relay.audience;

import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonObjectBuilder;

/** A subscriber and the proof of their consent as JSON, for the tenant API and a data subject's export alike. */
public final class SubscriberJson {

    private SubscriberJson() {}

    public static JsonObjectBuilder of(Subscriber subscriber) {
        ConsentProof proof = subscriber.proof();
        JsonObjectBuilder consent = CachedJson.createObjectBuilder()
                .add("source", proof.source().wireName())
                .add("requestedAt", proof.requestedAt().toString())
                .add("requestedFrom", origin(proof.requestedFrom()));
        proof.consent().ifPresent(text -> consent.add("text", consentText(text)));
        proof.origin().ifPresent(origin -> consent.add("origin", origin));
        proof.confirmedAt().ifPresent(at -> consent.add("confirmedAt", at.toString()));
        consent.add("confirmedFrom", origin(proof.confirmedFrom()));
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("address", subscriber.address().toString())
                .add("audience", subscriber.audience().value())
                .add("state", subscriber.state().wireName())
                .add("attributes", subscriber.attributes().json())
                .add("consent", consent);
        subscriber.confirmationMessageId().ifPresent(id -> json.add("confirmationMessageId", Long.toString(id)));
        subscriber.unsubscribedAt().ifPresent(at -> json.add("unsubscribedAt", at.toString()));
        return json;
    }

    /** A consent text with its version; version 0 is a wording the tenant stated, not one the audience showed. */
    public static JsonObjectBuilder consentText(ConsentText text) {
        return CachedJson.createObjectBuilder()
                .add("version", text.version())
                .add("wording", text.wording())
                .add("since", text.since().toString());
    }

    private static JsonObjectBuilder origin(Origin origin) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder();
        origin.address().ifPresent(ip -> json.add("ip", ip.getHostAddress()));
        origin.userAgent().ifPresent(agent -> json.add("userAgent", agent));
        return json;
    }
}
