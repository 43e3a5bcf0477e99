package io.outpost.web.audiences;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.audience.AudienceSettings;
import io.outpost.relay.audience.ConfirmationMessage;
import io.outpost.relay.audience.ConsentSource;
import io.outpost.relay.audience.ConsentText;
import io.outpost.relay.audience.IpLiteral;
import io.outpost.relay.audience.Origin;
import io.outpost.relay.audience.SubscribeRequest;
import io.outpost.relay.audience.SubscriberAttributes;
import io.outpost.web.json.RequestFields;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the JSON bodies of the audiences API, naming every field that cannot be used in one 400. */
final class AudienceRequests {

    private AudienceRequests() {}

    /**
     * An audience as created or replaced: {@code name}, {@code consentText}, the confirmation message's {@code from}
     * (on one of {@code domains} or a subdomain), {@code subject}, {@code text} and optional {@code html}, each body
     * holding {@code {{confirm_url}}}, and an optional {@code redirectUrl}.
     */
    static AudienceSettings settings(JsonObject body, List<Domain> domains) {
        RequestFields fields = new RequestFields(body);
        Optional<String> name = fields.required("name", text -> text);
        Optional<String> consent = fields.required("consentText", ConsentText::checked);
        Optional<EmailAddress> from = fields.required("from", EmailAddress::parse);
        Optional<String> subject = fields.required("subject", text -> text);
        Optional<String> text = fields.required("text", t -> t);
        Optional<String> html = fields.optional("html", t -> t);
        Optional<URI> redirect = fields.optional("redirectUrl", AudienceRequests::webAddress);
        if (from.isPresent() && domains.stream().noneMatch(from.get().domain()::isWithin)) {
            fields.reject("from", "not on one of your sending domains: " + domains);
        }
        fields.check();
        try {
            return new AudienceSettings(
                    name.orElseThrow(),
                    consent.orElseThrow(),
                    new ConfirmationMessage(from.orElseThrow(), subject.orElseThrow(), text.orElseThrow(), html),
                    redirect);
        } catch (IllegalArgumentException e) {
            // The value types say which field: "subject: …", "text: …", "name: …".
            String message = e.getMessage();
            int colon = message.indexOf(':');
            fields.reject(
                    message.substring(0, colon), message.substring(colon + 1).strip());
            fields.check();
            throw e;
        }
    }

    /**
     * A subscription the tenant's application asks for: {@code address}, optional {@code attributes} (a flat object),
     * and the subscriber's {@code ip} and {@code userAgent} as the application saw them, with the {@code consentText}
     * it showed them (the audience's current version when absent).
     */
    static SubscribeRequest subscribe(JsonObject body) {
        RequestFields fields = new RequestFields(body);
        Optional<EmailAddress> address = fields.required("address", EmailAddress::parse);
        SubscriberAttributes attributes = attributes(fields, body);
        Optional<InetAddress> ip = fields.optional("ip", IpLiteral::parse);
        Optional<String> agent = fields.optional("userAgent", text -> text);
        Optional<String> consent = fields.optional("consentText", ConsentText::checked);
        fields.check();
        return new SubscribeRequest(
                address.orElseThrow(),
                attributes,
                ConsentSource.API,
                new Origin(ip, agent),
                OptionalInt.empty(),
                consent);
    }

    private static SubscriberAttributes attributes(RequestFields fields, JsonObject body) {
        if (body == null || !body.containsKey("attributes") || body.isNull("attributes")) {
            return SubscriberAttributes.NONE;
        }
        if (!(body.get("attributes") instanceof JsonObject object)) {
            fields.reject("attributes", "must be an object such as {\"firstName\": \"Ann\"}");
            return SubscriberAttributes.NONE;
        }
        try {
            return new SubscriberAttributes(object);
        } catch (IllegalArgumentException e) {
            fields.reject("attributes", e.getMessage());
            return SubscriberAttributes.NONE;
        }
    }

    // Where a browser is sent after confirming: an absolute http or https URL, nothing a browser would run.
    private static URI webAddress(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && text.length() <= 2000) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // named below
        }
        throw new IllegalArgumentException("an http or https URL of at most 2000 characters");
    }
}
