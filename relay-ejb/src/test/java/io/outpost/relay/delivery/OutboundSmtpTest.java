package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.delivery.RecipientOutcome.Kind;
import io.outpost.relay.smtp.MessageAcceptor;
import io.outpost.relay.smtp.ReceivedMessage;
import io.outpost.relay.smtp.RefusedSubmission;
import io.outpost.relay.smtp.RelayPolicy;
import io.outpost.relay.smtp.SmtpServer;
import io.outpost.relay.smtp.SmtpSettings;
import io.outpost.relay.testing.TestDnsServer;
import io.outpost.relay.testing.TestPipelines;
import io.outpost.relay.testing.TestSmtpReceiver;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import io.outpost.relay.testing.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundSmtpTest {

    private static final Domain DOMAIN = Domain.of("example.test");
    private static final ReversePath SENDER = ReversePath.of(EmailAddress.parse("sender@origin.test"));
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestDnsServer dns = new TestDnsServer();
    private final TestSmtpReceiver receiver = new TestSmtpReceiver();
    private OutboundSmtp outbound;

    @BeforeEach
    void start() {
        dns.start();
        receiver.start();
        dns.add("example.test. 60 IN MX 10 mx.example.test.").add("mx.example.test. 60 IN A 127.0.0.1");
        outbound = outboundTo(receiver.port(), TransportMap.none());
    }

    @AfterEach
    void stop() {
        outbound.close();
        receiver.close();
        dns.close();
    }

    @Test
    void sendsTheContentByteForByte() {
        String longLine = "x".repeat(990);
        byte[] content = ("From: Zoë <sender@origin.test>\r\n"
                        + "To: rcpt@example.test\r\n"
                        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n"
                        + "\r\n"
                        + "Grüße aus Köln – 日本語\r\n"
                        + longLine + "\r\n"
                        + ".a line starting with a dot\r\n"
                        + "..and one with two\r\n"
                        + ".\r\n"
                        + "end\r\n")
                .getBytes(StandardCharsets.UTF_8);

        DeliveryResult result =
                outbound.deliver(DOMAIN, SENDER, addresses("rcpt@example.test"), MessageContent.of(content));

        assertThat(result.delivered()).hasSize(1);
        Transaction transaction = receiver.awaitTransactions(1, WAIT).get(0);
        assertThat(transaction.data()).isEqualTo(content);
        assertThat(transaction.mailFrom()).isEqualTo("sender@origin.test");
    }

    @Test
    void sendsAllRecipientsInOneTransaction() {
        outbound.deliver(DOMAIN, SENDER, addresses("a@example.test", "b@example.test"), MessageContent.of(message()));

        List<Transaction> transactions = receiver.awaitTransactions(1, WAIT);
        assertThat(transactions).hasSize(1);
        assertThat(transactions.get(0).rcptTo()).containsExactly("a@example.test", "b@example.test");
    }

    @Test
    void reportsEachRecipientsOwnReply() {
        receiver.replyToRcpt("later@example.test", "451 4.2.0 mailbox busy, try later")
                .replyToRcpt("nobody@example.test", "550 5.1.1 no such user");

        DeliveryResult result = outbound.deliver(
                DOMAIN,
                SENDER,
                addresses("ok@example.test", "later@example.test", "nobody@example.test"),
                MessageContent.of(message()));

        assertThat(result.outcomes())
                .extracting(RecipientOutcome::kind)
                .containsExactly(Kind.DELIVERED, Kind.DEFERRED, Kind.BOUNCED);
        RecipientOutcome bounced = result.bounced().get(0);
        assertThat(bounced.reply().code()).isEqualTo(550);
        assertThat(bounced.reply().enhancedStatus()).contains("5.1.1");
        assertThat(bounced.describe())
                .isEqualTo(
                        "mx.example.test[127.0.0.1]:" + receiver.port() + " without TLS said: 550 5.1.1 no such user");
        assertThat(result.deferred().get(0).reply().lines()).containsExactly("mailbox busy, try later");
        assertThat(result.delivered().get(0).reply().code()).isEqualTo(250);
        assertThat(receiver.awaitTransactions(1, WAIT).get(0).rcptTo()).containsExactly("ok@example.test");
    }

    @Test
    void anAttemptOverStartTlsSaysWhichProtocolAndCipherSuiteItGot() throws Exception {
        // Outpost's own SMTP server as the receiver: it offers STARTTLS (RFC 3207), which the test receiver does not.
        SmtpServer tlsReceiver = new SmtpServer(
                SmtpSettings.defaults("mx.example.test")
                        .withTls(TestTls.serverContext())
                        .withRelayPolicy(RelayPolicy.of(List.of(), List.of(DOMAIN)))
                        .withSubmission(TestPipelines.rules(RelayPolicy.of(List.of(), List.of(DOMAIN)))),
                new MessageAcceptor() {
                    @Override
                    public SmtpReply accept(ReceivedMessage message) {
                        return SmtpReply.of(250, "2.0.0", "Ok: queued");
                    }

                    @Override
                    public OptionalLong refused(RefusedSubmission refused) {
                        return OptionalLong.empty();
                    }
                },
                Thread::new);
        tlsReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (OutboundSmtp overTls = outboundTo(tlsReceiver.port(), TransportMap.none())) {
            DeliveryResult result =
                    overTls.deliver(DOMAIN, SENDER, addresses("rcpt@example.test"), MessageContent.of(message()));

            RecipientOutcome delivered = result.delivered().get(0);
            assertThat(delivered.tls()).hasValueSatisfying(tls -> {
                assertThat(tls.protocol()).isIn("TLSv1.3", "TLSv1.2");
                assertThat(tls.cipherSuite()).startsWith("TLS_");
            });
            assertThat(delivered.describe())
                    .matches("mx\\.example\\.test\\[127\\.0\\.0\\.1\\]:\\d+ over TLSv1\\.[23] TLS_\\S+ said: 250 .*");
        } finally {
            tlsReceiver.close();
        }
    }

    @Test
    void matchesRepliesToRecipientsWhoseAddressesDifferOnlyInTheCaseOfTheLocalPart() {
        // RFC 5321 §2.4: local parts are case-sensitive; the receiver refuses the first of the two (its match is not).
        receiver.replyToRcpt("bob@example.test", "550 5.1.1 no such user", 1);

        DeliveryResult result = outbound.deliver(
                DOMAIN, SENDER, addresses("Bob@example.test", "bob@example.test"), MessageContent.of(message()));

        assertThat(result.outcomes())
                .extracting(o -> o.recipient().localPart(), RecipientOutcome::kind)
                .containsExactly(tuple("Bob", Kind.BOUNCED), tuple("bob", Kind.DELIVERED));
    }

    @Test
    void givesARecipientListedTwiceTheReplyToEachOfItsRcpts() {
        receiver.replyToRcpt("twice@example.test", "452 4.5.3 too many recipients", 1);

        DeliveryResult result = outbound.deliver(
                DOMAIN, SENDER, addresses("twice@Example.TEST", "twice@example.test"), MessageContent.of(message()));

        assertThat(result.outcomes()).extracting(RecipientOutcome::kind).containsExactly(Kind.DEFERRED, Kind.DELIVERED);
    }

    @Test
    void appliesTheEndOfDataReplyToAcceptedRecipients() {
        receiver.replyToData("554 5.7.1 message refused as spam");
        receiver.replyToRcpt("later@example.test", "452 4.2.2 mailbox full");

        DeliveryResult result = outbound.deliver(
                DOMAIN, SENDER, addresses("a@example.test", "later@example.test"), MessageContent.of(message()));

        assertThat(result.outcomeFor(EmailAddress.parse("a@example.test"))
                        .orElseThrow()
                        .reply()
                        .toString())
                .isEqualTo("554 5.7.1 message refused as spam");
        assertThat(result.outcomeFor(EmailAddress.parse("later@example.test"))
                        .orElseThrow()
                        .kind())
                .isEqualTo(Kind.DEFERRED);
    }

    @Test
    void triesTheNextMxWhenTheFirstRefuses() {
        dns.add("example.test. 60 IN MX 5 busy.example.test.").add("busy.example.test. 60 IN A 127.0.0.1");
        receiver.greetWith("421 4.3.2 not accepting mail now", 1);

        DeliveryResult result =
                outbound.deliver(DOMAIN, SENDER, addresses("a@example.test"), MessageContent.of(message()));

        assertThat(result.delivered()).hasSize(1);
        assertThat(result.delivered().get(0).remoteHost().map(RemoteHost::hostname))
                .contains("mx.example.test");
        assertThat(receiver.connectionCount()).isEqualTo(2);
    }

    @Test
    void defersEveryRecipientWhenNoHostAnswers() throws IOException {
        try (OutboundSmtp nowhere = outboundTo(closedPort(), TransportMap.none())) {
            DeliveryResult result = nowhere.deliver(
                    DOMAIN, SENDER, addresses("a@example.test", "b@example.test"), MessageContent.of(message()));

            assertThat(result.deferred()).hasSize(2);
            assertThat(result.deferred().get(0).reply().enhancedStatus()).contains("4.4.1");
            assertThat(result.deferred().get(0).reply().toString()).contains("mx.example.test[127.0.0.1]");
        }
    }

    @Test
    void reusesTheConnectionForTheNextMessage() {
        outbound.deliver(DOMAIN, SENDER, addresses("a@example.test"), MessageContent.of(message()));
        outbound.deliver(DOMAIN, SENDER, addresses("b@example.test"), MessageContent.of(message()));

        assertThat(receiver.awaitTransactions(2, WAIT)).hasSize(2);
        assertThat(receiver.connectionCount()).isEqualTo(1);
    }

    @Test
    void sharesFewConnectionsAmongManyThreads() throws Exception {
        try (OutboundSmtp shared = outboundTo(
                receiver.port(), TransportMap.none(), settings -> settings.withMaxConnectionsPerDestination(2))) {
            var pool = Executors.newFixedThreadPool(6);
            List<Future<DeliveryResult>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String recipient = "r" + i + "@example.test";
                results.add(pool.submit(
                        () -> shared.deliver(DOMAIN, SENDER, addresses(recipient), MessageContent.of(message()))));
            }
            for (var result : results) {
                assertThat(result.get().delivered()).hasSize(1);
            }
            pool.shutdown();
        }

        assertThat(receiver.awaitTransactions(30, WAIT)).hasSize(30);
        assertThat(receiver.connectionCount()).isBetween(1, 2);
    }

    @Test
    void closesConnectionsIdleTooLong() throws Exception {
        try (OutboundSmtp brief = outboundTo(
                receiver.port(), TransportMap.none(), settings -> settings.withIdleTimeout(Duration.ofMillis(50)))) {
            brief.deliver(DOMAIN, SENDER, addresses("a@example.test"), MessageContent.of(message()));
            Thread.sleep(200);
            brief.deliver(DOMAIN, SENDER, addresses("b@example.test"), MessageContent.of(message()));
        }

        assertThat(receiver.connectionCount()).isEqualTo(2);
    }

    @Test
    void sendsTheNullReversePathAsEmptyPath() {
        outbound.deliver(DOMAIN, ReversePath.NULL, addresses("a@example.test"), MessageContent.of(message()));

        assertThat(receiver.awaitTransactions(1, WAIT).get(0).mailFrom()).isEmpty();
    }

    @Test
    void followsTheTransportMapInsteadOfMx() throws IOException {
        try (OutboundSmtp mapped =
                outboundTo(closedPort(), TransportMap.parse("other.test=127.0.0.1:" + receiver.port()))) {
            DeliveryResult result = mapped.deliver(
                    Domain.of("other.test"), SENDER, addresses("x@other.test"), MessageContent.of(message()));

            assertThat(result.delivered()).hasSize(1);
        }
    }

    @Test
    void bouncesANullMxDomainWithoutConnecting() {
        dns.add("nomail.test. 60 IN MX 0 .");

        DeliveryResult result = outbound.deliver(
                Domain.of("nomail.test"), SENDER, addresses("x@nomail.test"), MessageContent.of(message()));

        assertThat(result.bounced()).singleElement().satisfies(o -> {
            assertThat(o.reply().code()).isEqualTo(556);
            assertThat(o.remoteHost()).isEmpty();
        });
        assertThat(receiver.connectionCount()).isZero();
    }

    @Test
    void defersWhenDnsFails() {
        dns.servfail("example.test.");

        DeliveryResult result =
                outbound.deliver(DOMAIN, SENDER, addresses("a@example.test"), MessageContent.of(message()));

        assertThat(result.deferred())
                .singleElement()
                .satisfies(o -> assertThat(o.reply().enhancedStatus()).contains("4.4.3"));
    }

    @Test
    void sendsUtf8AddressesWithSmtputf8() {
        DeliveryResult result = outbound.deliver(
                DOMAIN,
                ReversePath.of(EmailAddress.parse("zoë@origin.test")),
                addresses("jürgen@example.test"),
                MessageContent.of(message()));

        assertThat(result.delivered()).hasSize(1);
        Transaction transaction = receiver.awaitTransactions(1, WAIT).get(0);
        assertThat(transaction.mailFrom()).isEqualTo("zoë@origin.test");
        assertThat(transaction.rcptTo()).containsExactly("jürgen@example.test");
    }

    private OutboundSmtp outboundTo(int port, TransportMap map) {
        return outboundTo(port, map, settings -> settings);
    }

    private OutboundSmtp outboundTo(int port, TransportMap map, UnaryOperator<OutboundSettings> adjust) {
        MxResolver resolver = new MxResolver(
                List.of(dns.address()), Duration.ofSeconds(1), new Random(1), true, OwnIdentity.nobody());
        OutboundSettings settings = OutboundSettings.defaults("relay.test")
                .withPort(port)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new OutboundSmtp(adjust.apply(settings), resolver, map);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<EmailAddress> addresses(String... addresses) {
        return Arrays.stream(addresses).map(EmailAddress::parse).toList();
    }

    private static byte[] message() {
        return "Subject: test\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);
    }
}
