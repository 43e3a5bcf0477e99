package io.outpost.relay.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackingTokenTest {

    private static final TrackingToken TOKENS = new TrackingToken(key(1));

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aClickTokenCarriesItsMessageLinkAndDestination() {
        String token = TOKENS.click(4711, 3, "https://shop.example/sale?a=1&b=ü");

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(TOKENS.parse(token))
                .contains(new TrackingToken.Hit(
                        TrackingToken.Kind.CLICK, 4711, 3, Optional.of("https://shop.example/sale?a=1&b=ü")));
        assertThat(TOKENS.parse(TOKENS.open(4711)))
                .contains(new TrackingToken.Hit(TrackingToken.Kind.OPEN, 4711, 0, Optional.empty()));
    }

    @Test
    void aTokenChangedAnywhereOrMadeWithAnotherKeyIsNoToken() {
        String token = TOKENS.click(4711, 1, "https://shop.example/");
        byte[] bytes = Base64.getUrlDecoder().decode(token);

        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            assertThat(TOKENS.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(changed)))
                    .as("octet %d changed", i)
                    .isEmpty();
        }
        assertThat(new TrackingToken(key(2)).parse(token)).isEmpty();
        for (char last : "AQgw".toCharArray()) {
            String respelled = token.substring(0, token.length() - 1) + last;
            if (!respelled.equals(token)) {
                assertThat(TOKENS.parse(respelled))
                        .as("last character %s", last)
                        .isEmpty();
            }
        }
        assertThat(TOKENS.parse("")).isEmpty();
        assertThat(TOKENS.parse("not base64 !")).isEmpty();
        assertThat(TOKENS.parse(token.substring(0, 20))).isEmpty();
    }

    @Test
    void refusesDestinationsLongerThanTheLimit() {
        String url = "https://shop.example/" + "x".repeat(TrackingToken.MAX_URL_OCTETS);
        assertThatThrownBy(() -> TOKENS.click(1, 1, url)).isInstanceOf(IllegalArgumentException.class);
    }
}
