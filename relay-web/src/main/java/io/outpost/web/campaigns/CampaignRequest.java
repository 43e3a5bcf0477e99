package io.outpost.web.campaigns;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.Topic;
import io.outpost.relay.audience.AudienceId;
import io.outpost.relay.campaign.CampaignOverride;
import io.outpost.relay.campaign.NewCampaign;
import io.outpost.relay.campaign.Segment;
import io.outpost.relay.template.TemplateName;
import io.outpost.web.json.RequestFields;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code POST /api/v1/campaigns}: {@code {"name": "December news", "template": "news", "version": 3, "audience":
 * "au_…", "segment": {"attribute": "city", "value": "Lyon"}, "from": "news@shop.example", "topic": "offers",
 * "sendAt": "2026-12-24T08:00:00Z", "override": {"reason": "…"}}}; version (the newest when absent), segment, topic,
 * sendAt (at once when absent or past) and override optional. Every unusable field is named in one 400.
 *
 * @param overrideReason the written reason to send despite a failing pre-send check
 */
record CampaignRequest(
        String name,
        TemplateName template,
        Optional<Integer> version,
        AudienceId audience,
        Optional<Segment> segment,
        EmailAddress from,
        Optional<Topic> topic,
        Instant sendAt,
        Optional<String> overrideReason) {

    /** How far ahead a campaign may be scheduled. */
    static final Duration MAX_AHEAD = Duration.ofDays(30);

    static final String OVERRIDE = "override";

    /**
     * @param topics whether the tenant has a topic of that name
     * @param domains the tenant's sending domains, which From must be on
     */
    static CampaignRequest parse(JsonObject body, Instant now, Predicate<Topic> topics, List<Domain> domains) {
        RequestFields fields = new RequestFields(body);
        Optional<String> name = fields.required("name", CampaignRequest::name);
        Optional<TemplateName> template = fields.required("template", TemplateName::new);
        Optional<Integer> version = fields.optionalPositive("version");
        Optional<AudienceId> audience = fields.required("audience", AudienceId::new);
        Optional<Segment> segment = segment(fields, body);
        Optional<EmailAddress> from = fields.required("from", EmailAddress::parse);
        if (from.isPresent() && domains.stream().noneMatch(from.get().domain()::isWithin)) {
            fields.reject("from", "not on one of your sending domains: " + domains);
        }
        Optional<Topic> topic = fields.optional("topic", Topic::of);
        if (topic.isPresent() && !topics.test(topic.get())) {
            fields.reject("topic", "names none of your topics (GET /api/v1/topics)");
        }
        Optional<Instant> sendAt = fields.optional("sendAt", CampaignRequest::time);
        if (sendAt.isPresent() && sendAt.get().isAfter(now.plus(MAX_AHEAD))) {
            fields.reject("sendAt", "at most " + MAX_AHEAD.toDays() + " days ahead");
        }
        Optional<String> reason = overrideReason(fields, body);
        fields.check();
        return new CampaignRequest(
                name.orElseThrow(),
                template.orElseThrow(),
                version,
                audience.orElseThrow(),
                segment,
                from.orElseThrow(),
                topic,
                sendAt.filter(at -> at.isAfter(now)).orElse(now),
                reason);
    }

    private static String name(String text) {
        String name = text.strip();
        if (name.isEmpty() || name.length() > NewCampaign.MAX_NAME) {
            throw new IllegalArgumentException("must have 1 to " + NewCampaign.MAX_NAME + " characters");
        }
        return name;
    }

    // {"attribute": "city", "value": "Lyon"}: a string, number or boolean value, matched as Segment says.
    private static Optional<Segment> segment(RequestFields fields, JsonObject body) {
        if (body == null || !body.containsKey("segment") || body.isNull("segment")) {
            return Optional.empty();
        }
        if (!(body.get("segment") instanceof JsonObject segment)
                || !(segment.get("attribute") instanceof JsonString attribute)) {
            fields.reject("segment", "must be an object such as {\"attribute\": \"city\", \"value\": \"Lyon\"}");
            return Optional.empty();
        }
        JsonValue value = segment.get("value");
        String text;
        if (value instanceof JsonString string) {
            text = string.getString();
        } else if (value instanceof JsonNumber number) {
            text = number.bigDecimalValue().toPlainString();
        } else if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            text = value.toString();
        } else {
            fields.reject("segment.value", "must be a string, a number, true or false");
            return Optional.empty();
        }
        try {
            return Optional.of(new Segment(attribute.getString(), text));
        } catch (IllegalArgumentException e) {
            fields.reject("segment", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> overrideReason(RequestFields fields, JsonObject body) {
        if (body == null || !body.containsKey(OVERRIDE) || body.isNull(OVERRIDE)) {
            return Optional.empty();
        }
        if (!(body.get(OVERRIDE) instanceof JsonObject override)
                || !(override.get("reason") instanceof JsonString reason)
                || reason.getString().isBlank()
                || reason.getString().length() > CampaignOverride.MAX_REASON) {
            fields.reject(
                    OVERRIDE,
                    "must be {\"reason\": \"…\"}, a written reason of 1 to " + CampaignOverride.MAX_REASON
                            + " characters");
            return Optional.empty();
        }
        return Optional.of(reason.getString().strip());
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "must be an RFC 3339 date-time with its offset, such as 2026-12-24T08:00:00Z");
        }
    }
}
