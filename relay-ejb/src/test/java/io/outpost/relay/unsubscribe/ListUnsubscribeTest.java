package io.outpost.relay.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.tracking.LinkBase;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ListUnsubscribeTest {

    private static final String BODY = "\r\nHello\r\n";
    private final UnsubscribeToken tokens = new UnsubscribeToken(new byte[32]);
    private final ReturnPathToken mailTokens = new ReturnPathToken(new byte[32]);

    private static byte[] header(String fields) {
        return ("From: news@shop.example\r\nSubject: Sale\r\n" + fields + BODY).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bothFieldsOrNeitherPassAndAnythingElseIsRefusedSayingWhatIsMissing() {
        assertThat(ListUnsubscribe.incomplete(header(""))).isEmpty();
        assertThat(ListUnsubscribe.incomplete(header("List-Unsubscribe: <https://shop.example/u/1>\r\n"
                        + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")))
                .isEmpty();

        assertThat(ListUnsubscribe.incomplete(header("List-Unsubscribe: <mailto:leave@shop.example>\r\n")))
                .map(SmtpReply::toString)
                .hasValueSatisfying(reply -> assertThat(reply)
                        .startsWith("550 5.7.1 ")
                        .contains("List-Unsubscribe without List-Unsubscribe-Post"));
        assertThat(ListUnsubscribe.incomplete(header("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")))
                .map(SmtpReply::toString)
                .hasValueSatisfying(
                        reply -> assertThat(reply).contains("List-Unsubscribe-Post without List-Unsubscribe"));
        assertThat(ListUnsubscribe.incomplete(header("List-Unsubscribe: <https://shop.example/u/1>\r\n"
                        + "List-Unsubscribe-Post: List-Unsubscribe=Two-Clicks\r\n")))
                .map(SmtpReply::toString)
                .hasValueSatisfying(reply -> assertThat(reply).contains("other than a single"));
    }

    @Test
    void theFieldsGoInFrontWithTheRecipientsTokenOnTheDomainsOwnTrackingHost() throws Exception {
        ListUnsubscribe unsubscribe = new ListUnsubscribe(
                tokens,
                new LinkBase(
                        "https://relay.example:8443/",
                        domain -> domain.equals(Domain.of("shop.example"))
                                ? Optional.of(Domain.of("links.shop.example"))
                                : Optional.empty()),
                mailTokens);
        byte[] original = header("");
        EmailAddress ann = EmailAddress.parse("ann@example.com");

        MessageContent withFields = unsubscribe.withFields(
                MessageContent.of(original),
                99,
                TenantId.of("shop"),
                ann,
                Optional.empty(),
                original,
                Optional.empty());
        MessageContent withMailto = unsubscribe.withFields(
                MessageContent.of(original),
                99,
                TenantId.of("shop"),
                ann,
                Optional.of(new Topic("offers")),
                original,
                Optional.of(Domain.of("bounces.shop.example")));

        String text = new String(withFields.toByteArray(), StandardCharsets.UTF_8);
        Matcher link = Pattern.compile(
                        "\\AList-Unsubscribe: <https://links\\.shop\\.example:8443/u/([A-Za-z0-9_-]+)>\r\n"
                                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
                .matcher(text);
        assertThat(link.find()).as(text).isTrue();
        assertThat(tokens.parse(link.group(1)))
                .hasValue(new UnsubscribeToken.Request(99, TenantId.of("shop"), ann, Optional.empty()));
        assertThat(text.substring(link.end())).isEqualTo(new String(original, StandardCharsets.UTF_8));
        assertThat(ListUnsubscribe.present(withFields.headerSection())).isTrue();
        assertThat(ListUnsubscribe.incomplete(withFields.headerSection())).isEmpty();
        // RFC 8058 §3.1: the HTTPS URI first; the mailto: on the return-path domain after it.
        String mailto = new String(withMailto.headerSection(), StandardCharsets.UTF_8);
        assertThat(mailto)
                .startsWith("List-Unsubscribe: <https://links.shop.example:8443/u/")
                .contains(">, <mailto:" + mailTokens.unsubscribeLocalPart(99, ann)
                        + "@bounces.shop.example?subject=unsubscribe>\r\nList-Unsubscribe-Post: ");
    }
}
