package io.outpost.relay.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.smtp.ClientInfo;
import io.outpost.relay.smtp.ReceivedMessage;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QueueingAcceptorTest {

    private static final EmailAddress RCPT = EmailAddress.parse("rcpt@example.test");

    // No From: domain is a sending domain: messages pass unsigned (OutboundAuthenticationTest covers the rest).
    private static final OutboundAuthentication NO_SENDING_DOMAINS = new OutboundAuthentication(
            domain -> Optional.empty(), new DkimSigner(), new MinimalPublicSuffixes(), true, true);

    private final List<StoredMessage> dispatched = new ArrayList<>();

    @Test
    void answers250WithTheQueueIdOnlyAfterTheCommitAndHandsTheMessageToDelivery() {
        SmtpReply reply = acceptWith(
                batch -> batch.stream().map(QueueingAcceptorTest::stored).toList());

        assertThat(reply.toString()).isEqualTo("250 2.0.0 Ok: queued as 42");
        assertThat(dispatched).singleElement().satisfies(s -> assertThat(s.messageId())
                .isEqualTo(42));
    }

    @Test
    void answers250ForACommittedMessageEvenWhenDeliveryCannotTakeIt() {
        // Shutting down: the workers refuse new attempts. The message is committed, so it is the queue's now.
        GroupCommitter<NewMessage, StoredMessage> committer = new GroupCommitter<>(
                "test",
                4,
                batch -> batch.stream().map(QueueingAcceptorTest::stored).toList(),
                Thread::new);
        try {
            QueueingAcceptor acceptor = new QueueingAcceptor(
                    committer,
                    stored -> {
                        throw new RejectedExecutionException("workers stopped");
                    },
                    Duration.ofSeconds(5),
                    NO_SENDING_DOMAINS);

            assertThat(acceptor.accept(message()).toString()).isEqualTo("250 2.0.0 Ok: queued as 42");
        } finally {
            committer.close();
        }
    }

    @Test
    void answers451AndDispatchesNothingWhenTheCommitFails() {
        SmtpReply reply = acceptWith(batch -> {
            throw new IllegalStateException("disk full");
        });

        assertThat(reply).isEqualTo(QueueingAcceptor.QUEUE_UNAVAILABLE);
        assertThat(reply.toString()).startsWith("451 4.3.0");
        assertThat(dispatched).isEmpty();
    }

    @Test
    void answers451WhenTheCommitTakesLongerThanTheLimit() {
        CountDownLatch commitMayFinish = new CountDownLatch(1);
        SmtpReply reply = acceptWith(
                batch -> {
                    try {
                        commitMayFinish.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return batch.stream().map(QueueingAcceptorTest::stored).toList();
                },
                Duration.ofMillis(200),
                commitMayFinish);

        assertThat(reply.toString()).startsWith("451 4.3.0");
        assertThat(dispatched).isEmpty();
    }

    private SmtpReply acceptWith(Function<List<NewMessage>, List<StoredMessage>> commit) {
        return acceptWith(commit, Duration.ofSeconds(5), new CountDownLatch(0));
    }

    private SmtpReply acceptWith(
            Function<List<NewMessage>, List<StoredMessage>> commit, Duration timeout, CountDownLatch afterAccept) {
        GroupCommitter<NewMessage, StoredMessage> committer = new GroupCommitter<>("test", 4, commit, Thread::new);
        try {
            return new QueueingAcceptor(committer, dispatched::add, timeout, NO_SENDING_DOMAINS).accept(message());
        } finally {
            afterAccept.countDown();
            committer.close();
        }
    }

    private static ReceivedMessage message() {
        return new ReceivedMessage(
                ReversePath.of(EmailAddress.parse("sender@example.test")),
                List.of(RCPT),
                "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8),
                new ClientInfo(InetAddress.getLoopbackAddress(), "client.test"),
                false,
                false,
                true,
                Optional.of(new Identity("shop", "shop-user")));
    }

    private static StoredMessage stored(NewMessage message) {
        return new StoredMessage(
                new MessageForDelivery(42, message.sender(), message.returnPath(), Instant.now(), message.content()),
                List.of(new Claim(7, 42, RCPT, 0, 77)));
    }
}
