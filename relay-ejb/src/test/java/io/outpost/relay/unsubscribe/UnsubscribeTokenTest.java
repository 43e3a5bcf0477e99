package io.outpost.relay.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsubscribeTokenTest {

    private static final byte[] KEY = new byte[32];
    private final UnsubscribeToken tokens = new UnsubscribeToken(KEY);

    @Test
    void aTokenNamesTheMessageTheTenantAndTheRecipientItWasMadeFor() {
        EmailAddress ann = EmailAddress.parse("Ann.Lee+news@bücher.example");

        String token = tokens.of(7_000_000_001L, TenantId.of("shop-1"), ann, Optional.empty());

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.parse(token))
                .hasValue(new UnsubscribeToken.Request(7_000_000_001L, TenantId.of("shop-1"), ann, Optional.empty()));
    }

    @Test
    void aTokenOfAMessageWithATopicNamesTheTopicItLeaves() {
        EmailAddress ann = EmailAddress.parse("ann@example.com");
        Optional<Topic> offers = Optional.of(new Topic("offers"));

        String token = tokens.of(9, TenantId.of("shop"), ann, offers);

        assertThat(tokens.parse(token)).hasValue(new UnsubscribeToken.Request(9, TenantId.of("shop"), ann, offers));
    }

    @Test
    void aTokenChangedInAnyOctetOrMadeWithAnotherKeyIsNoToken() {
        String token = tokens.of(
                42, TenantId.of("shop"), EmailAddress.parse("ann@example.com"), Optional.of(new Topic("news")));
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 1;
            assertThat(tokens.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(changed)))
                    .as("octet %d changed", i)
                    .isEmpty();
        }
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 7);
        assertThat(new UnsubscribeToken(otherKey).parse(token)).isEmpty();
    }

    @Test
    void anythingElseIsNoTokenAndNeverAnException() {
        assertThat(tokens.parse("")).isEmpty();
        assertThat(tokens.parse("not base64!")).isEmpty();
        assertThat(tokens.parse("AQ")).isEmpty();
        String token = tokens.of(1, TenantId.of("shop"), EmailAddress.parse("ann@example.com"), Optional.empty());
        assertThat(tokens.parse(token + "=")).isEmpty();
    }
}
