package io.outpost.relay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentTest {

    @ParameterizedTest(name = "{0} = {1} in {2}: {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "city | Lyon | {\"city\": \"Lyon\"} | true",
                "city | Lyon | {\"city\": \"lyon\"} | false",
                "city | Lyon | {\"city\": \"Lyon \"} | false",
                "city | Lyon | {\"town\": \"Lyon\"} | false",
                "city | Lyon | {} | false",
                "city | '' | {\"city\": \"\"} | true",
                "city | null | {\"city\": null} | false",
                "age | 7 | {\"age\": 7} | true",
                "age | 7 | {\"age\": 7.0} | true",
                "age | 7 | {\"age\": \"7\"} | true",
                "age | 7 | {\"age\": 8} | false",
                "age | seven | {\"age\": 7} | false",
                "vip | true | {\"vip\": true} | true",
                "vip | true | {\"vip\": false} | false",
                "vip | false | {\"vip\": false} | true",
                "vip | yes | {\"vip\": true} | false"
            })
    void matchesTheAttributesValueAsItsText(String attribute, String value, String attributes, boolean matches) {
        assertThat(new Segment(attribute, value).matches(json(attributes))).isEqualTo(matches);
    }

    @ParameterizedTest(name = "unusable attribute name {index}")
    @CsvSource({"''", "'two\nlines'", "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"})
    void anUnusableAttributeNameIsRefused(String attribute) {
        assertThatThrownBy(() -> new Segment(attribute, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void aValueLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> new Segment("city", "x".repeat(Segment.MAX_VALUE + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonObject json(String text) {
        try (var reader = CachedJson.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
