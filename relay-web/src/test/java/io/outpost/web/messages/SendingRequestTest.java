package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.relay.tracking.TrackingOverride;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SendingRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Predicate<Topic> NO_TOPICS = topic -> false;

    @Test
    void readsTheStreamInAnyCaseAndATimeWithItsOffset() {
        SendingRequest request = SendingRequest.parse(
                Json.createObjectBuilder()
                        .add("stream", "Bulk")
                        .add("sendAt", "2026-12-05T12:30:00+01:00")
                        .build(),
                NOW,
                NO_TOPICS);

        assertThat(request.stream()).contains(MessageStream.BULK);
        assertThat(request.sendAt()).contains(Instant.parse("2026-12-05T11:30:00Z"));
    }

    @Test
    void withoutEitherTheDefaultsApplyAndATimePassedSendsAtOnce() {
        assertThat(SendingRequest.parse(Json.createObjectBuilder().build(), NOW, NO_TOPICS))
                .isEqualTo(new SendingRequest(
                        Optional.empty(), Optional.empty(), TrackingOverride.NONE, Optional.empty()));
        assertThat(SendingRequest.parse(
                                Json.createObjectBuilder()
                                        .add("sendAt", "2026-12-05T09:00:00Z")
                                        .build(),
                                NOW,
                                NO_TOPICS)
                        .sendAt())
                .isEmpty();
    }

    @Test
    void namesAnUnknownStreamAndATimeTooFarAheadOrWithoutOffset() {
        ProblemException unknown = catchThrowableOfType(
                ProblemException.class,
                () -> SendingRequest.parse(
                        Json.createObjectBuilder()
                                .add("stream", "marketing")
                                .add("sendAt", "2026-12-06T10:00:00")
                                .build(),
                        NOW,
                        NO_TOPICS));
        ProblemException tooFar = catchThrowableOfType(
                ProblemException.class,
                () -> SendingRequest.parse(
                        Json.createObjectBuilder()
                                .add(
                                        "sendAt",
                                        NOW.plus(SendingRequest.MAX_AHEAD)
                                                .plus(Duration.ofMinutes(1))
                                                .toString())
                                .build(),
                        NOW,
                        NO_TOPICS));

        assertThat(unknown.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactly("stream", "sendAt");
        assertThat(tooFar.problem().invalidParams()).singleElement().satisfies(p -> assertThat(p.reason())
                .isEqualTo("at most 72 hours ahead"));
    }

    @Test
    void namesATopicTheTenantHasNoneOfAndReadsOneItHas() {
        Predicate<Topic> offersOnly = topic -> topic.name().equals("offers");

        SendingRequest known = SendingRequest.parse(
                Json.createObjectBuilder().add("topic", " Offers ").build(), NOW, offersOnly);
        ProblemException unknown = catchThrowableOfType(
                ProblemException.class,
                () -> SendingRequest.parse(
                        Json.createObjectBuilder().add("topic", "sports").build(), NOW, offersOnly));
        ProblemException notAName = catchThrowableOfType(
                ProblemException.class,
                () -> SendingRequest.parse(
                        Json.createObjectBuilder().add("topic", "no such!").build(), NOW, offersOnly));

        ProblemException transactional = catchThrowableOfType(
                ProblemException.class,
                () -> SendingRequest.parse(
                        Json.createObjectBuilder()
                                .add("topic", "offers")
                                .add("stream", "transactional")
                                .build(),
                        NOW,
                        offersOnly));

        assertThat(known.topic()).contains(new Topic("offers"));
        assertThat(transactional.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactly("topic");
        assertThat(unknown.problem().invalidParams())
                .extracting(InvalidParam::name, InvalidParam::reason)
                .containsExactly(tuple("topic", "names none of your topics (GET /api/v1/topics)"));
        assertThat(notAName.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactly("topic");
    }
}
