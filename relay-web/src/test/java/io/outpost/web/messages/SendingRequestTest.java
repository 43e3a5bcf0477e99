package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outpost.api.plugin.MessageStream;
import io.outpost.relay.tracking.TrackingOverride;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendingRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void readsTheStreamInAnyCaseAndATimeWithItsOffset() {
        SendingRequest request = SendingRequest.parse(
                Json.createObjectBuilder()
                        .add("stream", "Bulk")
                        .add("sendAt", "2026-12-05T12:30:00+01:00")
                        .build(),
                NOW);

        assertThat(request.stream()).contains(MessageStream.BULK);
        assertThat(request.sendAt()).contains(Instant.parse("2026-12-05T11:30:00Z"));
    }

    @Test
    void withoutEitherTheDefaultsApplyAndATimePassedSendsAtOnce() {
        assertThat(SendingRequest.parse(Json.createObjectBuilder().build(), NOW))
                .isEqualTo(new SendingRequest(Optional.empty(), Optional.empty(), TrackingOverride.NONE));
        assertThat(SendingRequest.parse(
                                Json.createObjectBuilder()
                                        .add("sendAt", "2026-12-05T09:00:00Z")
                                        .build(),
                                NOW)
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
                        NOW));
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
                        NOW));

        assertThat(unknown.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactly("stream", "sendAt");
        assertThat(tooFar.problem().invalidParams()).singleElement().satisfies(p -> assertThat(p.reason())
                .isEqualTo("at most 72 hours ahead"));
    }
}
