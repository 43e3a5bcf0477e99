package io.outpost.relay.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SubscriberAttributesTest {

    @Test
    void aFlatObjectIsKeptAsItIs() {
        SubscriberAttributes attributes =
                new SubscriberAttributes(json("{\"firstName\":\"Ann\",\"age\":41,\"vip\":true,\"note\":null}"));

        assertThat(SubscriberAttributes.parse(attributes.text())).isEqualTo(attributes);
    }

    @Test
    void nestedValuesTooManyMembersOrTooMuchTextAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SubscriberAttributes(json("{\"tags\":[\"a\"]}")))
                .withMessageContaining("tags");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= SubscriberAttributes.MAX_MEMBERS; i++) {
            many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":1");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new SubscriberAttributes(json(many + "}")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SubscriberAttributes(json("{\"a\":\"" + "x".repeat(4000) + "\"}")));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
