package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.bounce.BounceRules;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.RecipientState;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.queue.TransactionalQueue;
import io.outpost.relay.sending.OutboundAuthentication.Ready;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.testing.TestSmtpReceiver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each recipient is delivered exactly once, counted at a real receiving server that answers the end of data only after
 * more than a lease has passed, with more attempts than workers (so some recipients wait in the database for a claim)
 * and a stop and restart of delivery in the middle. The real queue (QueueStore on H2), claims, fencing, lease renewal,
 * workers and outbound SMTP; only the EJB timer is replaced by a scheduled thread calling the same poll.
 */
class ExactlyOnceDeliveryTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RECEIVER_DELAY = Duration.ofSeconds(4);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MESSAGES = 8;
    private static final List<String> DOMAINS = List.of("a.test", "b.test");
    private static final int RECIPIENTS_PER_DOMAIN = 3;

    private final TestSmtpReceiver receiver = new TestSmtpReceiver();
    private TransactionalQueue queue;
    private Dispatcher dispatcher;
    private ScheduledExecutorService timer;

    @BeforeEach
    void start() throws Exception {
        receiver.start().answerDataAfter(RECEIVER_DELAY);
        queue = TransactionalQueue.h2(
                Path.of("target", "exactly-once", UUID.randomUUID().toString()), LEASE);
    }

    @AfterEach
    void stop() throws Exception {
        stopDelivery();
        queue.close();
        receiver.close();
    }

    @Test
    void everyRecipientArrivesExactlyOnceThoughTheReceiverIsSlowerThanALeaseAndDeliveryRestarts() {
        startDelivery();
        List<String> everyone = new ArrayList<>();
        for (int m = 0; m < MESSAGES; m++) {
            StoredMessage stored = queue.store(List.of(message(m, everyone))).get(0);
            dispatcher.dispatch(stored);
        }

        // Part of the way through: stop delivery as a server shutdown does, and start it again on the same queue.
        receiver.awaitTransactions(6, Duration.ofSeconds(120));
        stopDelivery();
        queue.releaseClaimsOfThisNode();
        startDelivery();

        awaitDelivered(everyone.size(), Duration.ofSeconds(180));
        stopDelivery();
        Map<String, Long> arrivals = receiver.transactions().stream()
                .flatMap(t -> t.rcptTo().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(arrivals).hasSize(everyone.size());
        assertThat(arrivals)
                .allSatisfy((address, count) -> assertThat(count).as(address).isEqualTo(1));
    }

    private void startDelivery() {
        int port = receiver.port();
        OutboundSmtp outbound = new OutboundSmtp(
                OutboundSettings.defaults("outpost.test")
                        .withPort(port)
                        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60))
                        .withMaxConnectionsPerDestination(8),
                // Never asked: the transport map routes every domain to the receiver.
                new MxResolver(
                        List.of(new InetSocketAddress("127.0.0.1", 9)),
                        Duration.ofSeconds(1),
                        new Random(),
                        false,
                        OwnIdentity.nobody()),
                TransportMap.parse("*=127.0.0.1:" + port));
        Clock clock = Clock.systemUTC();
        AttemptRecorder recorder = new AttemptRecorder(
                new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(4), Duration.ofHours(1)),
                new DsnBuilder(Domain.of("outpost.test"), clock),
                clock,
                dsn -> new Ready(MessageContent.of(dsn), Optional.empty(), "unsigned"),
                BounceRules.BUILT_IN);
        dispatcher = new Dispatcher(
                queue,
                queue.commits(),
                outbound,
                recorder,
                new ReturnPathToken(new byte[32]),
                PreDeliveryChecks.NONE,
                RecipientCopies.NONE,
                new Dispatcher.Sizes(4, 50, 50),
                LEASE,
                Thread::new,
                clock);
        timer = Executors.newSingleThreadScheduledExecutor();
        Dispatcher polled = dispatcher;
        timer.scheduleWithFixedDelay(polled::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopDelivery() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (dispatcher != null) {
            dispatcher.stop(Duration.ofSeconds(60));
            dispatcher = null;
        }
    }

    private void awaitDelivered(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (queue.countByState().getOrDefault(RecipientState.DELIVERED, 0L) == expected) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        assertThat(queue.countByState()).containsEntry(RecipientState.DELIVERED, (long) expected);
    }

    private static NewMessage message(int m, List<String> everyone) {
        List<EmailAddress> recipients = new ArrayList<>();
        for (String domain : DOMAINS) {
            for (int r = 0; r < RECIPIENTS_PER_DOMAIN; r++) {
                EmailAddress address = EmailAddress.parse("m" + m + "-r" + r + "@" + domain);
                recipients.add(address);
                everyone.add(address.toString());
            }
        }
        return new NewMessage(
                ReversePath.of(EmailAddress.parse("sender@origin.test")),
                recipients,
                MessageContent.of(("Subject: message " + m + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)),
                "127.0.0.1",
                false,
                Optional.empty(),
                "not signed");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
