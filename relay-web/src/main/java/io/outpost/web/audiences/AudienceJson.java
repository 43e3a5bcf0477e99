package io.outpost.web.audiences;

import io.outpost.relay.audience.Audience;
import io.outpost.relay.audience.AudienceSettings;
import io.outpost.relay.audience.ConfirmationMessage;
import io.outpost.relay.audience.SubscriberJson;
import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonObjectBuilder;

/** Audiences as the API answers them. */
final class AudienceJson {

    private AudienceJson() {}

    /** @param formUrl where its hosted form is served */
    static JsonObjectBuilder of(Audience audience, String formUrl) {
        AudienceSettings settings = audience.settings();
        ConfirmationMessage confirmation = settings.confirmation();
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("id", audience.id().value())
                .add("name", settings.name())
                .add("consent", SubscriberJson.consentText(audience.consent()))
                .add("from", confirmation.from().toString())
                .add("subject", confirmation.subject())
                .add("text", confirmation.text());
        confirmation.html().ifPresent(html -> json.add("html", html));
        settings.redirect().ifPresent(url -> json.add("redirectUrl", url.toString()));
        return json.add("formUrl", formUrl)
                .add("createdAt", audience.createdAt().toString())
                .add("updatedAt", audience.updatedAt().toString());
    }
}
