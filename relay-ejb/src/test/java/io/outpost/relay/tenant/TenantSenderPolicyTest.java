package io.outpost.relay.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderFields;
import io.outpost.relay.smtp.auth.Identity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantSenderPolicyTest {

    private static final Identity SHOP = new Identity(TenantId.of("shop"), "shop-mailer");
    private static final Identity EMPTY = new Identity(TenantId.of("empty"), "empty-mailer");
    private static final Identity GHOST =
            new Identity(TenantId.of("ghost"), "alice"); // e.g. htpasswd tenant without a row

    private final TenantSenderPolicy policy = new TenantSenderPolicy(id -> Optional.ofNullable(Map.of(
                    TenantId.of("shop"), List.of(Domain.of("shop.example"), Domain.of("news.example")),
                    TenantId.of("empty"), List.<Domain>of())
            .get(id)));

    static Stream<Arguments> senders() {
        return Stream.of(
                Arguments.of("own domain", SHOP, "<orders@shop.example>", null),
                Arguments.of("second own domain", SHOP, "<hello@news.example>", null),
                Arguments.of("subdomain", SHOP, "<bounce@mail.shop.example>", null),
                Arguments.of("upper case", SHOP, "<Orders@SHOP.Example>", null),
                Arguments.of(
                        "foreign domain",
                        SHOP,
                        "<ceo@bank.example>",
                        "550 5.7.1 Sender address <ceo@bank.example> is not a sending domain of your account"),
                Arguments.of(
                        "look-alike suffix",
                        SHOP,
                        "<x@evilshop.example>",
                        "550 5.7.1 Sender address <x@evilshop.example> is not a sending domain of your account"),
                Arguments.of(
                        "parent of own domain",
                        SHOP,
                        "<x@example>",
                        "550 5.7.1 Sender address <x@example> is not a sending domain of your account"),
                Arguments.of("null sender", SHOP, "<>", null),
                Arguments.of("null sender without domains", EMPTY, "<>", null),
                Arguments.of("tenant without domains", EMPTY, "<a@shop.example>", "550 5.7.1 Your account has no"),
                Arguments.of("tenant that does not exist", GHOST, "<a@shop.example>", "550 5.7.1 Your account has no"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void envelopeSender(String description, Identity identity, String sender, String refusal) {
        Optional<SmtpReply> reply = policy.checkSender(identity, path(sender));

        assertRefusal(reply, refusal);
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("own domain", SHOP, "From: Shop <orders@shop.example>\r\n", null),
                Arguments.of("subdomain", SHOP, "From: a@eu.shop.example\r\n", null),
                Arguments.of(
                        "From: mismatch",
                        SHOP,
                        "From: Shop <orders@bank.example>\r\n",
                        "550 5.7.1 From: domain bank.example is not a sending domain of your account"),
                Arguments.of(
                        "one of two foreign",
                        SHOP,
                        "From: a@shop.example, b@bank.example\r\n",
                        "550 5.7.1 From: domain bank.example is not a sending domain of your account"),
                Arguments.of(
                        "display name pretending",
                        SHOP,
                        "From: \"orders@shop.example\" <x@bank.example>\r\n",
                        "550 5.7.1 From: domain bank.example"),
                Arguments.of("missing From:", SHOP, "Subject: hi\r\n", "550 5.7.1 From: header missing"),
                Arguments.of(
                        "two From: fields",
                        SHOP,
                        "From: a@shop.example\r\nFrom: b@bank.example\r\n",
                        "550 5.7.1 From: header missing, repeated"),
                Arguments.of(
                        "tenant that does not exist", GHOST, "From: a@shop.example\r\n", "550 5.7.1 Your account"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void headerFrom(String description, Identity identity, String header, String refusal) {
        byte[] message = (header + "Subject: test\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);

        assertRefusal(policy.checkHeaderFrom(identity, new MessageHeaders(HeaderFields.all(message))), refusal);
    }

    private static void assertRefusal(Optional<SmtpReply> reply, String expected) {
        if (expected == null) {
            assertThat(reply).isEmpty();
        } else {
            assertThat(reply).isPresent();
            assertThat(reply.get().toString()).startsWith(expected);
        }
    }

    private static ReversePath path(String text) {
        String inner = text.substring(1, text.length() - 1);
        return inner.isEmpty() ? ReversePath.NULL : ReversePath.of(EmailAddress.parse(inner));
    }
}
