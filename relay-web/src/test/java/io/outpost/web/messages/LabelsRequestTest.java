package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outpost.relay.queue.MessageLabels;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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

    // The message log's search by tag (MessageLabels.tagPatterns) relies on how this writes the labels: tags first,
    // compact. Each pattern is read here as SQL's LIKE reads it, with '!' as the escape character.
    @Test
    void theStoredLabelsAreWhatTheSearchByTagMatchesAndNothingElse() {
        String stored = LabelsRequest.parse(Json.createObjectBuilder()
                        .add(
                                "tags",
                                Json.createArrayBuilder()
                                        .add("news")
                                        .add("spring_sale")
                                        .add("vip"))
                        .add(
                                "metadata",
                                Json.createObjectBuilder()
                                        .add("vip2", "x,\"spring\"]")
                                        .add("spring", "y"))
                        .build())
                .orElseThrow()
                .json();

        assertThat(List.of("news", "spring_sale", "vip")).allMatch(tag -> carries(stored, tag));
        assertThat(List.of("spring", "springXsale", "vip2", "x", "y", "new")).noneMatch(tag -> carries(stored, tag));
    }

    private static boolean carries(String stored, String tag) {
        return MessageLabels.tagPatterns(tag).stream().anyMatch(like -> {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < like.length(); i++) {
                char c = like.charAt(i);
                if (c == '!') {
                    regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
                } else if (c == '%') {
                    regex.append(".*");
                } else if (c == '_') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL)
                    .matcher(stored)
                    .matches();
        });
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
