package io.outpost.relay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.config.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theSignatureIsHmacSha256OfTheTimestampADotAndTheBody() {
        byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

        // Computed apart from this code: python3 -c "import hmac, hashlib; print(hmac.new(b'whsec_test',
        // b'1764900000.{\"id\":\"1\"}', hashlib.sha256).hexdigest())"
        assertThat(WebhookSignature.header("whsec_test", 1_764_900_000L, body))
                .isEqualTo("t=1764900000,v1=3f34c70f2b0fe9bddb27814a0217d10d3ca15585cc9071cab45815325956d96f");
    }

    @Test
    void eachSecretIsNewAndLongEnough() {
        String one = WebhookSignature.newSecret();

        assertThat(one).startsWith("whsec_").hasSize("whsec_".length() + 43).isNotEqualTo(WebhookSignature.newSecret());
    }

    @Test
    void theWaitDoublesAfterEachFailureUpToTheMaximum() {
        WebhookSettings settings = new WebhookSettings(
                false,
                false,
                4,
                Duration.ofSeconds(10),
                Duration.ofMinutes(1),
                Duration.ofHours(72),
                Duration.ofDays(90));

        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoff(1_000)).isEqualTo(Duration.ofMinutes(1));
    }
}
