package io.outpost.relay.intake;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderMessageId;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.plugin.PolicyRefusal;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.RefusedMessage;
import io.outpost.relay.queue.SendOptions;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.returns.ReturnedMail;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.OutboundAuthentication.Ready;
import io.outpost.relay.sending.OutboundAuthentication.Refused;
import io.outpost.relay.smtp.ClientInfo;
import io.outpost.relay.smtp.LogText;
import io.outpost.relay.smtp.MessageAcceptor;
import io.outpost.relay.smtp.ReceivedMessage;
import io.outpost.relay.smtp.RefusedSubmission;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.submission.SubmissionResult;
import io.outpost.relay.tracking.Tracking;
import io.outpost.relay.tracking.TrackingField;
import io.outpost.relay.tracking.TrackingOverride;
import io.outpost.relay.unsubscribe.ListUnsubscribe;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Readies each submitted message for sending (DKIM signature, return path, alignment: {@link OutboundAuthentication})
 * and commits it through the group committer and answers 250 only once its transaction has committed. A message that
 * cannot be readied as it is (not signable: 550 5.6.0) is refused for good; any other failure (database, data key) or a
 * commit slower than the limit answers 451 4.3.0, so the client keeps the message and retries.
 * A committed message is handed to delivery at once; from then on it is the queue's, so nothing that goes wrong in
 * that hand-off can turn its 250 into a 451 (which would make the client send a second copy).
 */
final class QueueingAcceptor implements MessageAcceptor {

    private static final Logger LOG = Logger.getLogger(QueueingAcceptor.class.getName());

    // RFC 3463 §3.5: 4.3.0 "other or undefined mail system status" — the queue could not take the message.
    static final SmtpReply QUEUE_UNAVAILABLE =
            SmtpReply.of(451, "4.3.0", "Queue unavailable, message not accepted; please try again later");

    private final GroupCommitter<NewMessage, StoredMessage> committer;
    private final ToLongFunction<RefusedMessage> refusals;
    private final Consumer<StoredMessage> delivery;
    private final Duration commitTimeout;
    private final OutboundAuthentication authentication;
    private final Tracking tracking;
    private final ListUnsubscribe unsubscribe;
    private final LongSupplier reserveId;
    private final ReturnedMail returned;
    private final BiPredicate<TenantId, Topic> topics;

    /**
     * @param refusals records a refused message and answers its id ({@code QueueCommits#storeRefused})
     * @param unsubscribe puts the one-click unsubscribe fields into bulk mail
     * @param reserveId reserves the id a message will be queued under, for fields that name it before it is
     * @param returned takes mail to return paths (bounces, complaints) instead of queueing it
     * @param topics whether a tenant has a topic of that name ({@code TenantTopics})
     */
    QueueingAcceptor(
            GroupCommitter<NewMessage, StoredMessage> committer,
            ToLongFunction<RefusedMessage> refusals,
            Consumer<StoredMessage> delivery,
            Duration commitTimeout,
            OutboundAuthentication authentication,
            Tracking tracking,
            ListUnsubscribe unsubscribe,
            LongSupplier reserveId,
            ReturnedMail returned,
            BiPredicate<TenantId, Topic> topics) {
        this.returned = returned;
        this.topics = topics;
        this.authentication = authentication;
        this.tracking = tracking;
        this.unsubscribe = unsubscribe;
        this.reserveId = reserveId;
        this.committer = committer;
        this.refusals = refusals;
        this.delivery = delivery;
        this.commitTimeout = commitTimeout;
    }

    @Override
    public SmtpReply accept(ReceivedMessage message) {
        // Mail to return paths is read and recorded, never queued; relay control keeps it apart from other recipients.
        if (!message.submission() && returned.isFor(message.recipients())) {
            return returned.accept(message);
        }
        SubmissionResult result = queue(message);
        if (result instanceof SubmissionResult.Refused refused) {
            return refused.reply();
        }
        if (result instanceof SubmissionResult.RecipientRefused refused) {
            return refused.reply();
        }
        return SmtpReply.of(250, "2.0.0", "Ok: queued as " + ((SubmissionResult.Queued) result).messageId());
    }

    @Override
    public OptionalLong refused(RefusedSubmission refused) {
        PolicyRefusal refusal = refused.refusal();
        LOG.info(() ->
                "message from " + refused.client().address().getHostAddress() + " " + LogText.of(refusal.explain()));
        // A temporary refusal is only logged: the client tries again, and a record per try would let it write rows at
        // the rate it retries. Mail that is no tenant's has no one to read its record.
        if (refusal.temporary() || refused.submitter().isEmpty()) {
            return OptionalLong.empty();
        }
        Identity submitter = refused.submitter().get();
        try {
            return OptionalLong.of(refusals.applyAsLong(new RefusedMessage(
                    refused.sender(),
                    refused.recipients(),
                    refused.sizeOctets(),
                    refused.client().address().getHostAddress(),
                    submitter.tenant(),
                    Optional.of(submitter.username()),
                    refused.client().tls().map(tls -> tls.protocol() + " " + tls.cipherSuite()),
                    refusal.reply(),
                    refusal.describe(),
                    refused.headerMessageId(),
                    refused.recipientRefusals())));
        } catch (RuntimeException e) {
            // The refusal stands; only its record is lost, and the log line above still tells of it.
            LOG.log(Level.WARNING, "refused message from " + refused.client().address() + " not recorded", e);
            return OptionalLong.empty();
        }
    }

    /** Readies, commits and hands over the message for delivery; never throws. */
    SubmissionResult queue(ReceivedMessage message) {
        Optional<String> asked = message.trackingAsked();
        Optional<TrackingOverride> tracking = asked.flatMap(TrackingField::parse);
        if (asked.isPresent() && tracking.isEmpty()) {
            // RFC 3463 X.6.0, as for an unknown stream: guessing could track mail its sender meant to keep untracked.
            return new SubmissionResult.Refused(SmtpReply.of(
                    550,
                    "5.6.0",
                    "X-Outpost-Track must be none, or any of opens, clicks and text; not \""
                            + cut(LogText.of(asked.get())) + "\""));
        }
        Optional<Topic> topic;
        try {
            topic = message.topicAsked().map(Topic::of);
        } catch (IllegalArgumentException e) {
            return new SubmissionResult.Refused(
                    unknownTopic(message.topicAsked().orElseThrow()));
        }
        return queue(
                message,
                new SendOptions(
                        message.stream(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        tracking.orElse(TrackingOverride.NONE),
                        topic));
    }

    /**
     * As {@link #queue(ReceivedMessage)}, sent as {@code options} ask: on their stream, at their time, naming the
     * message in their idempotency key's claim and storing their labels, in the message's own commit.
     */
    SubmissionResult queue(ReceivedMessage message, SendOptions options) {
        return finish(start(message, options));
    }

    // RFC 3463 X.6.0, as for an unknown stream: a message filed under no topic would escape its topic's unsubscribes.
    private static SmtpReply unknownTopic(String named) {
        return SmtpReply.of(
                550,
                "5.6.0",
                "X-Outpost-Topic must name one of your topics (GET /api/v1/topics); not \"" + cut(LogText.of(named))
                        + "\"");
    }

    private static String cut(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40);
    }

    /** A message readied and handed to the committer, or refused before that. */
    sealed interface Started {}

    /** Refused before the committer: the result is known. */
    record Decided(SubmissionResult result) implements Started {}

    /** With the committer: its commit is under way. */
    record Committing(CompletableFuture<StoredMessage> commit, ClientInfo client) implements Started {}

    /**
     * Readies the message and hands it to the committer without waiting: several started one after the other go into
     * the same group commit, then {@link #finish} waits for each. Never throws.
     */
    Started start(ReceivedMessage message, SendOptions options) {
        Ready ready;
        Optional<TenantId> tenant = Optional.empty();
        byte[] headerSection;
        try {
            headerSection = message.content().headerSection();
        } catch (MessageContent.HeaderSectionTooLarge e) {
            // RFC 3463 X.3.4: too big for the system; only the header section is read into memory, and it is bounded.
            return refused(SmtpReply.of(552, "5.3.4", "Message " + e.getMessage()));
        } catch (UncheckedIOException e) {
            // The spool file could not be read back (disk failing): the client keeps the message and retries.
            LOG.log(Level.WARNING, "message from " + message.client().address() + " not read", e);
            return refused(QUEUE_UNAVAILABLE);
        }
        MessageContent content = message.content();
        OptionalLong reservedId = OptionalLong.empty();
        if (message.submission()) {
            tenant = message.submitter().map(Identity::tenant);
            Optional<Topic> topic = options.topic();
            if (topic.isPresent()
                    && tenant.filter(owner -> topics.test(owner, topic.get())).isEmpty()) {
                return refused(unknownTopic(topic.get().name()));
            }
            if (topic.isPresent() && options.stream() != MessageStream.BULK) {
                // A receipt held because its recipient left the offers would be a receipt lost.
                return refused(SmtpReply.of(
                        550,
                        "5.6.0",
                        "A topic is one of bulk mail: send this message on the bulk stream, or name no topic"));
            }
            OutboundAuthentication.Outcome outcome;
            try {
                // Tracking first: its links and pixel change the HTML, which the signature then covers.
                byte[] fields = headerSection;
                Optional<Tracking.Tracked> tracked = tenant.flatMap(owner ->
                        tracking.apply(owner, options.stream(), options.tracking(), message.content(), fields));
                if (tracked.isPresent()) {
                    content = tracked.get().content();
                    reservedId = OptionalLong.of(tracked.get().messageId());
                    headerSection = content.headerSection();
                }
                boolean copies = false;
                if (tenant.isPresent() && options.stream() == MessageStream.BULK) {
                    Optional<SmtpReply> incomplete = ListUnsubscribe.incomplete(headerSection);
                    if (incomplete.isPresent()) {
                        return refused(incomplete.get());
                    }
                    // The sender's own one-click fields are kept as they are; else each recipient gets Outpost's, in
                    // the message itself when it has one recipient, else in each recipient's copy as it is sent.
                    boolean own = ListUnsubscribe.present(headerSection);
                    copies = !own && message.recipients().size() > 1;
                    if (!own && !copies) {
                        long id = reservedId.isPresent() ? reservedId.getAsLong() : reserveId.getAsLong();
                        reservedId = OptionalLong.of(id);
                        content = unsubscribe.withFields(
                                content,
                                id,
                                tenant.get(),
                                message.recipients().get(0),
                                options.topic(),
                                headerSection,
                                authentication.returnPath(tenant, message.sender(), headerSection));
                        headerSection = content.headerSection();
                    }
                }
                outcome = copies
                        ? authentication.prepareForCopies(tenant, message.sender(), content, headerSection)
                        : authentication.prepare(tenant, message.sender(), content, headerSection);
            } catch (MessageContent.HeaderSectionTooLarge e) {
                // Tracking's or the unsubscribe fields' bytes took the header section past the limit: the same every
                // time, so permanent (RFC 3463 X.3.4), as for a header section too large as it came.
                return refused(SmtpReply.of(552, "5.3.4", "Message " + e.getMessage()));
            } catch (RuntimeException e) {
                // A sending domain that cannot be read (database down, data key wrong), a message not read back: keep
                // the message with the client.
                LOG.log(Level.WARNING, "message from " + message.client().address() + " not prepared", e);
                return refused(QUEUE_UNAVAILABLE);
            }
            if (outcome instanceof Refused refused) {
                LOG.info(() -> "message from " + message.client().address().getHostAddress() + " "
                        + LogText.of(refused.note()));
                return refused(refused.reply());
            }
            ready = (Ready) outcome;
        } else {
            ready = new Ready(message.content(), Optional.empty(), "not signed: received for a local domain");
        }
        NewMessage incoming = new NewMessage(
                message.sender(),
                message.recipients(),
                ready.content(),
                message.client().address().getHostAddress(),
                message.smtpUtf8(),
                ready.returnPath(),
                ready.note(),
                tenant,
                // Its tenant finds it by the Message-ID its own software gave it, or the one added at submission
                // (RFC 6409 §8.3); signing put only DKIM-Signature fields in front, so the section read above has it.
                HeaderMessageId.of(headerSection),
                message.submitter().map(Identity::username),
                message.client().tls().map(tls -> tls.protocol() + " " + tls.cipherSuite()),
                message.refusals(),
                options,
                reservedId);
        return new Committing(committer.submit(incoming), message.client());
    }

    private static Started refused(SmtpReply reply) {
        return new Decided(new SubmissionResult.Refused(reply));
    }

    /** Waits for a started message's commit and hands it to delivery; never throws. */
    SubmissionResult finish(Started started) {
        if (started instanceof Decided decided) {
            return decided.result();
        }
        Committing committing = (Committing) started;
        CompletableFuture<StoredMessage> commit = committing.commit();
        StoredMessage stored;
        try {
            stored = commit.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            commit.cancel(false);
            Thread.currentThread().interrupt();
            return new SubmissionResult.Refused(QUEUE_UNAVAILABLE);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The session frees the message's bytes once it has the answer: a commit not yet begun must skip it.
            commit.cancel(false);
            // A commit that timed out may still commit later: then the client retries and the message is sent twice,
            // which RFC 5321 §6.1 prefers to losing it.
            LOG.log(Level.WARNING, "message from " + committing.client().address() + " not queued", e);
            return new SubmissionResult.Refused(QUEUE_UNAVAILABLE);
        }
        if (stored.claims().isEmpty()) {
            // Scheduled: its recipients come due at their time, for whichever node claims them first.
            return new SubmissionResult.Queued(stored.messageId());
        }
        try {
            delivery.accept(stored);
        } catch (RuntimeException e) {
            // Committed: the recipients are leased to this node and come due when the lease runs out, or at its start.
            LOG.log(Level.WARNING, "message " + stored.messageId() + " queued but not handed to delivery", e);
        }
        return new SubmissionResult.Queued(stored.messageId());
    }
}
