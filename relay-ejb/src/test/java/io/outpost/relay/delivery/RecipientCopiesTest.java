package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.dkim.DkimKeys;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.sending.SigningProfile;
import io.outpost.relay.tracking.LinkBase;
import io.outpost.relay.unsubscribe.ListUnsubscribe;
import io.outpost.relay.unsubscribe.UnsubscribeToken;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecipientCopiesTest {

    private static final TenantId SHOP = TenantId.of("shop");
    private static final Domain DOMAIN = Domain.of("shop.test");
    private static final EmailAddress ANN = EmailAddress.parse("ann@dest.test");
    private static final DkimKey KEY = new DkimKey(
            DOMAIN,
            "ed2026",
            DkimKey.Algorithm.ED25519_SHA256,
            DkimKeys.generateEd25519().getPrivate());

    private final Map<Domain, SigningProfile> sendingDomains = new HashMap<>();
    private final UnsubscribeToken tokens = new UnsubscribeToken(new byte[32]);
    private final RecipientCopies copies = new RecipientCopies(
            new ListUnsubscribe(
                    tokens,
                    new LinkBase("https://links.test", domain -> Optional.empty()),
                    new ReturnPathToken(new byte[32])),
            new OutboundAuthentication(
                    domain -> Optional.ofNullable(sendingDomains.get(domain)),
                    new DkimSigner(),
                    new MinimalPublicSuffixes()));

    private static MessageForDelivery message(MessageStream stream, Optional<TenantId> tenant, String fields) {
        byte[] content = ("From: news@shop.test\r\nTo: ann@dest.test, bob@dest.test\r\nSubject: Sale\r\n" + fields
                        + "\r\nHello\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return new MessageForDelivery(
                42,
                ReversePath.of(EmailAddress.parse("news@shop.test")),
                Optional.empty(),
                Instant.parse("2026-12-05T12:00:00Z"),
                tenant,
                MessageContent.of(content),
                stream,
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void onlyATenantsBulkMessageWithoutFieldsOfItsOwnGetsCopies() {
        assertThat(copies.needed(message(MessageStream.BULK, Optional.of(SHOP), "")))
                .isTrue();
        assertThat(copies.needed(message(MessageStream.TRANSACTIONAL, Optional.of(SHOP), "")))
                .isFalse();
        assertThat(copies.needed(message(MessageStream.BULK, Optional.empty(), "")))
                .isFalse();
        assertThat(copies.needed(message(
                        MessageStream.BULK,
                        Optional.of(SHOP),
                        "List-Unsubscribe: <https://shop.test/leave>\r\n"
                                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")))
                .isFalse();
        assertThat(RecipientCopies.NONE.needed(message(MessageStream.BULK, Optional.of(SHOP), "")))
                .isFalse();
    }

    @Test
    void eachCopyHasItsRecipientsLinkUnderASignatureThatCoversIt() {
        sendingDomains.put(
                DOMAIN,
                new SigningProfile(
                        SHOP,
                        DOMAIN,
                        List.of(KEY),
                        List.of(),
                        false,
                        Optional.empty(),
                        true,
                        false,
                        Optional.empty(),
                        Optional.empty()));

        String copy = new String(
                copies.copyFor(message(MessageStream.BULK, Optional.of(SHOP), ""), ANN)
                        .toByteArray(),
                StandardCharsets.UTF_8);

        assertThat(copy).startsWith("DKIM-Signature: ");
        String signature =
                copy.substring(0, copy.indexOf("\r\nList-Unsubscribe: ")).replaceAll("\\s+", "");
        assertThat(signature).contains("list-unsubscribe:list-unsubscribe:list-unsubscribe-post");
        String token = copy.substring(copy.indexOf("https://links.test/u/") + 21, copy.indexOf(">\r\n"));
        assertThat(tokens.parse(token)).hasValue(new UnsubscribeToken.Request(42, SHOP, ANN, Optional.empty()));
        assertThat(copy).endsWith("Subject: Sale\r\n\r\nHello\r\n");
    }

    @Test
    void aCopyWhoseDomainNoLongerSignsWaitsRatherThanLeaveUnsigned() {
        assertThatThrownBy(() -> copies.copyFor(message(MessageStream.BULK, Optional.of(SHOP), ""), ANN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not signed");
    }
}
