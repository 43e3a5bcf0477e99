package io.outpost.web.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outpost.web.problem.Problem;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectReaderTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"[]|an array", "\"x\"|a string", "1|a number", "null|null", "true|a boolean"})
    void refusesABodyThatIsNotAnObjectNamingWhatItIs(String body, String kind) {
        Problem problem = refusal(body);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problem.MALFORMED_JSON);
        assertThat(problem.detail()).isEqualTo("The request body must be a JSON object, not " + kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "{", "{\"a\":}", "[1,"})
    void refusesTextThatIsNotJson(String body) {
        Problem problem = refusal(body);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).startsWith("The request body is not valid JSON");
    }

    @Test
    void noBodyAtAllIsAnObjectWithoutFields() {
        assertThat(JsonObjectReader.read(new StringReader(""))).isEmpty();
    }

    @Test
    void refusesArraysAndObjectsNestedAThousandDeepBeforeParsingThem() {
        for (String body :
                new String[] {"[".repeat(1000) + "]".repeat(1000), "{\"a\":".repeat(1000) + "1" + "}".repeat(1000)}) {
            assertThat(refusal(body).detail())
                    .isEqualTo("The request body nests arrays and objects deeper than 32 levels");
        }
    }

    @Test
    void readsAnObjectNestedToTheLimit() {
        String body = "{\"a\":".repeat(JsonObjectReader.MAX_DEPTH) + "1" + "}".repeat(JsonObjectReader.MAX_DEPTH);

        assertThat(JsonObjectReader.read(new StringReader(body))).containsKey("a");
    }

    @Test
    void bracketsInsideStringsAreTextNotNesting() {
        String brackets = "[{".repeat(100);
        JsonObject object = JsonObjectReader.read(new StringReader("{\"s\":\"" + brackets + "\\\"[{\",\"t\":[1]}"));

        assertThat(object.getString("s")).isEqualTo(brackets + "\"[{");
        assertThat(object.getJsonArray("t")).hasSize(1);
    }

    private static Problem refusal(String body) {
        return catchThrowableOfType(ProblemException.class, () -> JsonObjectReader.read(new StringReader(body)))
                .problem();
    }
}
