package io.outpost.web.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.Topic;
import io.outpost.relay.campaign.Segment;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class CampaignRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final String AUDIENCE = "au_AAAAAAAAAAAAAAAAAAAAAA";
    private static final List<Domain> DOMAINS = List.of(Domain.of("shop.example"));
    private static final Predicate<Topic> OFFERS = topic -> topic.name().equals("offers");

    private static JsonObjectBuilder valid() {
        return Json.createObjectBuilder()
                .add("name", " December news ")
                .add("template", "news")
                .add("audience", AUDIENCE)
                .add("from", "news@shop.example");
    }

    @Test
    void aMinimalRequestSendsTheNewestVersionToEveryoneAtOnce() {
        CampaignRequest request = CampaignRequest.parse(valid().build(), NOW, OFFERS, DOMAINS);

        assertThat(request.name()).isEqualTo("December news");
        assertThat(request.version()).isEmpty();
        assertThat(request.segment()).isEmpty();
        assertThat(request.sendAt()).isEqualTo(NOW);
        assertThat(request.overrideReason()).isEmpty();
    }

    @Test
    void readsTheSegmentsValueAsTextWhetherStringNumberOrBoolean() {
        assertThat(segment(Json.createValue("Lyon"))).isEqualTo(new Segment("city", "Lyon"));
        assertThat(segment(Json.createValue(7))).isEqualTo(new Segment("city", "7"));
        assertThat(segment(jakarta.json.JsonValue.TRUE)).isEqualTo(new Segment("city", "true"));
    }

    @Test
    void aTimeAheadSchedulesItAndAReasonOverridesTheChecks() {
        CampaignRequest request = CampaignRequest.parse(
                valid().add("sendAt", "2026-12-06T09:00:00+01:00")
                        .add("topic", "Offers")
                        .add("version", 3)
                        .add("override", Json.createObjectBuilder().add("reason", " It is fine "))
                        .build(),
                NOW,
                OFFERS,
                DOMAINS);

        assertThat(request.sendAt()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
        assertThat(request.topic()).contains(new Topic("offers"));
        assertThat(request.version()).contains(3);
        assertThat(request.overrideReason()).contains("It is fine");
    }

    @Test
    void everyUnusableFieldIsNamedInOneProblem() {
        JsonObject body = Json.createObjectBuilder()
                .add("name", "")
                .add("template", "Not A Slug")
                .add("audience", "au_short")
                .add("from", "news@elsewhere.example")
                .add("topic", "unknown")
                .add("sendAt", "tomorrow")
                .add(
                        "segment",
                        Json.createObjectBuilder().add("attribute", "city").add("value", Json.createArrayBuilder()))
                .add("override", Json.createObjectBuilder().add("reason", "x".repeat(501)))
                .build();

        ProblemException problem =
                catchThrowableOfType(ProblemException.class, () -> CampaignRequest.parse(body, NOW, OFFERS, DOMAINS));

        assertThat(problem.problem().status()).isEqualTo(400);
        assertThat(problem.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactlyInAnyOrder(
                        "name", "template", "audience", "from", "topic", "sendAt", "segment.value", "override");
    }

    @Test
    void aBlankReasonOrOneMonthsAheadIsRefused() {
        JsonObject body = valid().add("override", Json.createObjectBuilder().add("reason", "  "))
                .add("sendAt", "2027-01-10T00:00:00Z")
                .build();

        ProblemException problem =
                catchThrowableOfType(ProblemException.class, () -> CampaignRequest.parse(body, NOW, OFFERS, DOMAINS));

        assertThat(problem.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactlyInAnyOrder("override", "sendAt");
    }

    private static Segment segment(jakarta.json.JsonValue value) {
        return CampaignRequest.parse(
                        valid().add(
                                        "segment",
                                        Json.createObjectBuilder()
                                                .add("attribute", "city")
                                                .add("value", value))
                                .build(),
                        NOW,
                        OFFERS,
                        DOMAINS)
                .segment()
                .orElseThrow();
    }
}
