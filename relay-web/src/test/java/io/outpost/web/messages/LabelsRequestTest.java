package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outpost.relay.queue.MessageLabels;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelsRequestTest {

    @Test
    void keepsTagsAndMetadataAsGivenAndAddsThemBackToAnAnswer() {
        JsonObject body = Json.createObjectBuilder()
                .add("tags", Json.createArrayBuilder().add("spring").add("news:2026"))
                .add("metadata", Json.createObjectBuilder().add("orderId", "17").add("customer", "Ann Müller"))
                .build();

        MessageLabels labels = LabelsRequest.parse(body).orElseThrow();
        JsonObjectBuilder answer = Json.createObjectBuilder().add("id", "1");
        MessageLabels.addTo(answer, Optional.of(labels.json()));

        assertThat(answer.build().toString())
                .isEqualTo("{\"id\":\"1\",\"tags\":[\"spring\",\"news:2026\"],"
                        + "\"metadata\":{\"orderId\":\"17\",\"customer\":\"Ann Müller\"}}");
    }

    @Test
    void aRequestWithoutEitherHasNoLabels() {
        assertThat(LabelsRequest.parse(
                        Json.createObjectBuilder().add("subject", "x").build()))
                .isEmpty();
    }

    @Test
    void namesEveryUnusableTagAndEntry() {
        JsonObject body = Json.createObjectBuilder()
                .add(
                        "tags",
                        Json.createArrayBuilder().add("ok").add("has space").add(7))
                .add(
                        "metadata",
                        Json.createObjectBuilder()
                                .add("fine", "yes")
                                .add("bad key!", "x")
                                .add("multi", "line\nbreak")
                                .add("number", 17))
                .build();

        ProblemException thrown = catchThrowableOfType(ProblemException.class, () -> LabelsRequest.parse(body));

        assertThat(thrown.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactlyInAnyOrder(
                        "tags[1]", "tags[2]", "metadata.bad key!", "metadata.multi", "metadata.number");
    }

    @Test
    void boundsTheNumberOfTagsAndEntries() {
        var tags = Json.createArrayBuilder();
        for (int i = 0; i <= LabelsRequest.MAX_TAGS; i++) {
            tags.add("t" + i);
        }
        var metadata = Json.createObjectBuilder();
        for (int i = 0; i <= LabelsRequest.MAX_METADATA; i++) {
            metadata.add("k" + i, "v");
        }

        ProblemException thrown = catchThrowableOfType(
                ProblemException.class,
                () -> LabelsRequest.parse(Json.createObjectBuilder()
                        .add("tags", tags)
                        .add("metadata", metadata)
                        .build()));

        assertThat(thrown.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactlyInAnyOrder("tags", "metadata");
    }
}
