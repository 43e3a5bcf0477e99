package io.outpost.relay.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.bounce.BounceRules;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.dkim.DkimKeys;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.plugin.PolicyRefusal;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.RefusedMessage;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.returns.ReturnPathAddresses;
import io.outpost.relay.returns.ReturnedMail;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.sending.SigningProfile;
import io.outpost.relay.smtp.ClientInfo;
import io.outpost.relay.smtp.ReceivedMessage;
import io.outpost.relay.smtp.RefusedSubmission;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.tracking.LinkBase;
import io.outpost.relay.tracking.Tracking;
import io.outpost.relay.unsubscribe.ListUnsubscribe;
import io.outpost.relay.unsubscribe.UnsubscribeToken;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QueueingAcceptorTest {

    private static final EmailAddress RCPT = EmailAddress.parse("rcpt@example.test");
    private static final Domain SHOP = Domain.of("shop.test");

    // No From: domain is a sending domain: messages pass unsigned (OutboundAuthenticationTest covers the rest).
    private static final OutboundAuthentication NO_SENDING_DOMAINS =
            new OutboundAuthentication(domain -> Optional.empty(), new DkimSigner(), new MinimalPublicSuffixes());
    private static final ReturnedMail NO_RETURNS = new ReturnedMail(
            ReturnPathAddresses.NONE,
            BounceRules.BUILT_IN,
            (message, recipient, kind, detail, listed, evidence) -> {
                throw new AssertionError("no return path in these tests");
            },
            (message, recipient, detail) -> {
                throw new AssertionError("no unsubscribe address in these tests");
            },
            600);
    private static final ListUnsubscribe NO_UNSUBSCRIBE = new ListUnsubscribe(
            new UnsubscribeToken(new byte[32]),
            new LinkBase("https://links.test", domain -> Optional.empty()),
            new ReturnPathToken(new byte[32]));

    private final List<StoredMessage> dispatched = new ArrayList<>();
    private final List<RefusedMessage> recorded = new ArrayList<>();

    private long record(RefusedMessage refused) {
        recorded.add(refused);
        return 7000 + recorded.size();
    }

    @Test
    void recordsATenantsRefusedMessageWithTheRefusalAndAnswersItsId() {
        GroupCommitter<NewMessage, StoredMessage> committer =
                new GroupCommitter<>("test", 4, batch -> List.of(), Thread::new);
        try {
            QueueingAcceptor acceptor = new QueueingAcceptor(
                    committer,
                    this::record,
                    dispatched::add,
                    Duration.ofSeconds(5),
                    NO_SENDING_DOMAINS,
                    Tracking.NONE,
                    NO_UNSUBSCRIBE,
                    () -> 1,
                    NO_RETURNS,
                    (tenant, topic) -> false);
            PolicyRefusal refusal = new PolicyRefusal(
                    PluginPhase.MESSAGE,
                    "header-checks",
                    Verdict.reject("subject matched", SmtpReply.of(550, "5.7.1", "No lottery mail")),
                    SmtpReply.of(550, "5.7.1", "No lottery mail"));

            OptionalLong id =
                    acceptor.refused(refused(Optional.of(new Identity(TenantId.of("acme"), "alice")), refusal));
            OptionalLong none = acceptor.refused(refused(Optional.empty(), refusal));

            assertThat(id).hasValue(7001);
            assertThat(none).isEmpty();
            assertThat(recorded).singleElement().satisfies(r -> {
                assertThat(r.tenant()).isEqualTo(TenantId.of("acme"));
                assertThat(r.submittedBy()).contains("alice");
                assertThat(r.reply().toString()).isEqualTo("550 5.7.1 No lottery mail");
                // Not the verdict's reason, which may name the operator's files: that is for the log.
                assertThat(r.detail()).isEqualTo("rejected at MESSAGE by header-checks: 550 5.7.1 No lottery mail");
                assertThat(r.headerMessageId()).contains("m1@shop.example");
                assertThat(r.recipientRefusals()).hasSize(1);
                assertThat(r.recipients()).containsExactly(RCPT);
            });
        } finally {
            committer.close();
        }
    }

    @Test
    void aRefusalThatCannotBeRecordedStillStands() {
        GroupCommitter<NewMessage, StoredMessage> committer =
                new GroupCommitter<>("test", 4, batch -> List.of(), Thread::new);
        try {
            QueueingAcceptor acceptor = new QueueingAcceptor(
                    committer,
                    refused -> {
                        throw new IllegalStateException("database down (test)");
                    },
                    dispatched::add,
                    Duration.ofSeconds(5),
                    NO_SENDING_DOMAINS,
                    Tracking.NONE,
                    NO_UNSUBSCRIBE,
                    () -> 1,
                    NO_RETURNS,
                    (tenant, topic) -> false);
            PolicyRefusal refusal = new PolicyRefusal(
                    PluginPhase.MESSAGE,
                    "loop-detection",
                    Verdict.reject("100 Received fields"),
                    Verdict.DEFAULT_REJECT);

            assertThat(acceptor.refused(refused(Optional.of(new Identity(TenantId.of("acme"), "alice")), refusal)))
                    .isEmpty();
        } finally {
            committer.close();
        }
    }

    private static RefusedSubmission refused(Optional<Identity> submitter, PolicyRefusal refusal) {
        return new RefusedSubmission(
                ReversePath.of(EmailAddress.parse("sender@example.test")),
                List.of(RCPT),
                120,
                new ClientInfo(InetAddress.getLoopbackAddress(), "client.example", Optional.empty()),
                submitter,
                refusal,
                Optional.of("m1@shop.example"),
                List.of("recipient ann@dest.test rejected at RCPT by do-not-mail: 550 5.7.1 Listed"));
    }

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
                    this::record,
                    stored -> {
                        throw new RejectedExecutionException("workers stopped");
                    },
                    Duration.ofSeconds(5),
                    NO_SENDING_DOMAINS,
                    Tracking.NONE,
                    NO_UNSUBSCRIBE,
                    () -> 1,
                    NO_RETURNS,
                    (tenant, topic) -> false);

            assertThat(acceptor.accept(message("Subject: hi\r\n\r\nbody\r\n")).toString())
                    .isEqualTo("250 2.0.0 Ok: queued as 42");
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

    @Test
    void answers550With560AndQueuesNothingForAMessageThatCannotBeSigned() {
        List<NewMessage> committed = new ArrayList<>();
        OutboundAuthentication signing = authentication(domain -> domain.equals(SHOP)
                ? Optional.of(new SigningProfile(
                        TenantId.of("shop"),
                        SHOP,
                        List.of(new DkimKey(
                                SHOP,
                                "ed2026",
                                DkimKey.Algorithm.ED25519_SHA256,
                                DkimKeys.generateEd25519().getPrivate())),
                        List.of(),
                        false,
                        Optional.empty(),
                        false,
                        false,
                        Optional.empty(),
                        Optional.empty()))
                : Optional.empty());

        SmtpReply reply = acceptWith(
                batch -> {
                    committed.addAll(batch);
                    return batch.stream().map(QueueingAcceptorTest::stored).toList();
                },
                signing,
                "From: <news@shop.test>\r\nSubject: hi\r\nthis line has no colon\r\n\r\nbody\r\n");

        assertThat(reply.toString())
                .isEqualTo("550 5.6.0 Message cannot be signed: header line 3 is not a header field: it has no colon"
                        + " and is not a continuation (RFC 5322 section 2.2)");
        assertThat(committed).isEmpty();
        assertThat(dispatched).isEmpty();
    }

    @Test
    void answers451WhenTheSendingDomainCannotBeRead() {
        OutboundAuthentication databaseDown = authentication(domain -> {
            throw new IllegalStateException("database down");
        });

        SmtpReply reply = acceptWith(
                batch -> batch.stream().map(QueueingAcceptorTest::stored).toList(),
                databaseDown,
                "From: <news@shop.test>\r\nSubject: hi\r\n\r\nbody\r\n");

        assertThat(reply).isEqualTo(QueueingAcceptor.QUEUE_UNAVAILABLE);
        assertThat(dispatched).isEmpty();
    }

    private SmtpReply acceptWith(
            Function<List<NewMessage>, List<StoredMessage>> commit,
            OutboundAuthentication authentication,
            String content) {
        GroupCommitter<NewMessage, StoredMessage> committer = new GroupCommitter<>("test", 4, commit, Thread::new);
        try {
            return new QueueingAcceptor(
                            committer,
                            this::record,
                            dispatched::add,
                            Duration.ofSeconds(5),
                            authentication,
                            Tracking.NONE,
                            NO_UNSUBSCRIBE,
                            () -> 1,
                            NO_RETURNS,
                            (tenant, topic) -> false)
                    .accept(message(content));
        } finally {
            committer.close();
        }
    }

    private static OutboundAuthentication authentication(Function<Domain, Optional<SigningProfile>> profiles) {
        return new OutboundAuthentication(profiles, new DkimSigner(), new MinimalPublicSuffixes());
    }

    private SmtpReply acceptWith(Function<List<NewMessage>, List<StoredMessage>> commit) {
        return acceptWith(commit, Duration.ofSeconds(5), new CountDownLatch(0));
    }

    private SmtpReply acceptWith(
            Function<List<NewMessage>, List<StoredMessage>> commit, Duration timeout, CountDownLatch afterAccept) {
        GroupCommitter<NewMessage, StoredMessage> committer = new GroupCommitter<>("test", 4, commit, Thread::new);
        try {
            return new QueueingAcceptor(
                            committer,
                            this::record,
                            dispatched::add,
                            timeout,
                            NO_SENDING_DOMAINS,
                            Tracking.NONE,
                            NO_UNSUBSCRIBE,
                            () -> 1,
                            NO_RETURNS,
                            (tenant, topic) -> false)
                    .accept(message("Subject: hi\r\n\r\nbody\r\n"));
        } finally {
            afterAccept.countDown();
            committer.close();
        }
    }

    private static ReceivedMessage message(String content) {
        return new ReceivedMessage(
                ReversePath.of(EmailAddress.parse("sender@example.test")),
                List.of(RCPT),
                MessageContent.of(content.getBytes(StandardCharsets.UTF_8)),
                new ClientInfo(InetAddress.getLoopbackAddress(), "client.test", Optional.empty()),
                false,
                false,
                true,
                Optional.of(new Identity(TenantId.of("shop"), "shop-user")));
    }

    private static StoredMessage stored(NewMessage message) {
        return new StoredMessage(
                42,
                Optional.of(new MessageForDelivery(
                        42,
                        message.sender(),
                        message.returnPath(),
                        Instant.now(),
                        message.tenant(),
                        message.content(),
                        message.options().stream(),
                        Optional.empty(),
                        message.options().topic())),
                List.of(new Claim(7, 42, RCPT, 0, 77)));
    }
}
