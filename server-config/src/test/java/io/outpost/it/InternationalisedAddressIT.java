package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Internationalised addresses over the HTTP API (RFC 6531, RFC 6532), against the real server: a message to
 * {@code jörg@…} leaves with SMTPUTF8, its envelope and To field in UTF-8, and a DKIM signature that dkimpy verifies.
 */
class InternationalisedAddressIT {

    private static ApiSender tenant;

    @BeforeAll
    static void aTenantWithAnApiKey() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        tenant = ApiSender.create("utf8");
    }

    @Test
    void aMessageToAUtf8AddressGoesWithSmtpUtf8() throws Exception {
        String marker = "u8-" + UUID.randomUUID().toString().substring(0, 8);
        String recipient = "jörg-" + marker + "@ok.test";

        JsonObject accepted = PublishedDomains.json(
                tenant.api()
                        .post(
                                "/messages",
                                "{\"from\":\"" + tenant.from() + "\",\"to\":[\"Jörg Müller <" + recipient + ">\"],"
                                        + "\"subject\":\"Grüße " + marker + "\",\"text\":\"Hallo\"}"),
                202);

        assertThat(accepted.getInt("recipients")).isEqualTo(1);
        Transaction delivered = RelayEndToEndIT.awaitTransactionTo(recipient);
        String data = new String(delivered.data(), StandardCharsets.UTF_8);
        assertThat(data).contains("To: \"Jörg Müller\" <" + recipient + ">");
        assertThat(DkimpyOverDns.verify(List.of(delivered.data())))
                .singleElement()
                .asString()
                .contains("=pass")
                .doesNotContain("=fail");
    }
}
