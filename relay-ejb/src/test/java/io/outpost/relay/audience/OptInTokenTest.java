package io.outpost.relay.audience;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OptInTokenTest {

    private static final byte[] KEY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(7 * 86_400);
    private static final TenantId SHOP = TenantId.of("shop-1");
    private static final AudienceId NEWS = new AudienceId("au_AAAAAAAAAAAAAAAAAAAAAA");

    private final OptInToken tokens = new OptInToken(KEY);

    @Test
    void aConfirmationTokenNamesTheTenantTheAudienceAndTheSubscriberUntilItExpires() {
        String token = tokens.confirmation(SHOP, NEWS, 7_000_000_001L, LATER);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.open(token, OptInToken.Kind.CONFIRMATION, NOW))
                .hasValue(new OptInToken.Link(OptInToken.Kind.CONFIRMATION, SHOP, NEWS, 7_000_000_001L, LATER));
        assertThat(tokens.open(token, OptInToken.Kind.CONFIRMATION, LATER)).isEmpty();
    }

    @Test
    void aFormTokenNamesTheConsentVersionItShowedAndNeverPassesForAConfirmation() {
        String token = tokens.form(SHOP, NEWS, 3, LATER);

        assertThat(tokens.open(token, OptInToken.Kind.FORM, NOW).orElseThrow().number())
                .isEqualTo(3);
        assertThat(tokens.open(token, OptInToken.Kind.CONFIRMATION, NOW)).isEmpty();
        assertThat(tokens.open(tokens.confirmation(SHOP, NEWS, 3, LATER), OptInToken.Kind.FORM, NOW))
                .isEmpty();
    }

    @Test
    void aTokenChangedInAnyOctetOrMadeWithAnotherKeyIsNoToken() {
        String token = tokens.confirmation(SHOP, NEWS, 42, LATER);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 1;
            assertThat(tokens.open(
                            Base64.getUrlEncoder().withoutPadding().encodeToString(changed),
                            OptInToken.Kind.CONFIRMATION,
                            NOW))
                    .as("octet %d changed", i)
                    .isEmpty();
        }
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 7);
        assertThat(new OptInToken(otherKey).open(token, OptInToken.Kind.CONFIRMATION, NOW))
                .isEmpty();
    }

    @Test
    void anythingElseIsNoTokenAndNeverAnException() {
        for (String text : new String[] {"", "not base64!", "AQ", tokens.form(SHOP, NEWS, 1, LATER) + "="}) {
            assertThat(tokens.open(text, OptInToken.Kind.FORM, NOW)).as(text).isEmpty();
        }
    }
}
