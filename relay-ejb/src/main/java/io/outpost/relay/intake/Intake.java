package io.outpost.relay.intake;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.content.HeaderFields;
import io.outpost.relay.content.HeaderMessageId;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.delivery.DeliveryScheduler;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.plugin.PluginHost;
import io.outpost.relay.plugin.PolicyRefusal;
import io.outpost.relay.plugin.SubmissionPipeline;
import io.outpost.relay.plugin.SubmissionView;
import io.outpost.relay.queue.Cancellation;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.IdempotencyKey;
import io.outpost.relay.queue.IdempotentAnswer;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.SendOptions;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.returns.ReturnPathAddresses;
import io.outpost.relay.returns.ReturnedMail;
import io.outpost.relay.sending.DomainKeys;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.sending.SigningProfile;
import io.outpost.relay.sending.SigningProfiles;
import io.outpost.relay.smtp.ClientInfo;
import io.outpost.relay.smtp.MessageAcceptor;
import io.outpost.relay.smtp.RandomIds;
import io.outpost.relay.smtp.ReceivedMessage;
import io.outpost.relay.smtp.RefusedSubmission;
import io.outpost.relay.smtp.TraceHeaders;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.submission.BatchClaim;
import io.outpost.relay.submission.HttpSubmission;
import io.outpost.relay.submission.HttpSubmissions;
import io.outpost.relay.submission.SubmissionResult;
import io.outpost.relay.tenant.SendingDefaults;
import io.outpost.relay.topic.TenantTopics;
import io.outpost.relay.tracking.LinkBase;
import io.outpost.relay.tracking.Tracking;
import io.outpost.relay.tracking.TrackingToken;
import io.outpost.relay.unsubscribe.ListUnsubscribe;
import io.outpost.relay.unsubscribe.UnsubscribeToken;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where every submission enters the queue, whether it came over SMTP or over the HTTP API: the HTTP API's messages pass
 * the same submission pipeline as an SMTP transaction (MAIL, each RCPT, then the message), then DKIM signing and the
 * return path ({@link OutboundAuthentication}), the group commit, and delivery at once. A tenant's message a policy
 * refused is recorded, so its tenant finds it and why.
 */
@Singleton
@Startup
@LocalBean
@Local(HttpSubmissions.class)
@DependsOn({"DeliveryScheduler", "PluginHost"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Intake implements HttpSubmissions {

    private static final Logger LOG = Logger.getLogger(Intake.class.getName());

    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);
    private static final long COMMIT_THRESHOLDS = 4;

    @Resource(lookup = "concurrent/outpost/smtpThreads")
    private ManagedThreadFactory threads;

    @Inject
    private RelayConfiguration config;

    @Inject
    private QueueCommits queue;

    @EJB
    private DeliveryScheduler delivery;

    @EJB
    private PluginHost plugins;

    @Inject
    private SigningProfiles signingProfiles;

    @EJB
    private QueueStore queueStore;

    @Inject
    private SendingDefaults defaults;

    @Inject
    private DomainKeys domainKeys;

    @Inject
    private TenantTopics topics;

    private GroupCommitter<NewMessage, StoredMessage> committer;
    private QueueingAcceptor acceptor;
    private TraceHeaders traceHeaders;

    @PostConstruct
    void start() {
        // A few thresholds' worth of message octets per transaction: the embedded database holds what a transaction
        // wrote in memory until it commits, so large messages are committed in several transactions, not one huge one.
        committer = new GroupCommitter<>(
                "intake",
                config.queueCommitBatch(),
                queue::store,
                queue::syncToDisk,
                threads,
                message -> message.content().size(),
                COMMIT_THRESHOLDS * config.smtpSpoolThreshold());
        if (config.profile() == RelayConfiguration.Profile.PRODUCTION
                && config.trackingBaseUrl().startsWith("http:")) {
            // RFC 8058 §3.1: the one-click URI must be HTTPS; Gmail and Yahoo ignore a plain one.
            LOG.warning(() -> "outpost.tracking.base-url " + config.trackingBaseUrl()
                    + " is not https: bulk mail's one-click unsubscribe links will be ignored by receivers");
        }
        ReturnPathToken returnPaths = new ReturnPathToken(domainKeys.dataKey().derive(ReturnPathToken.KEY_PURPOSE));
        LinkBase links = new LinkBase(
                config.trackingBaseUrl(), domain -> signingProfiles.find(domain).flatMap(SigningProfile::trackingHost));
        acceptor = new QueueingAcceptor(
                committer,
                queue::storeRefused,
                delivery.firstAttempts(),
                COMMIT_TIMEOUT,
                new OutboundAuthentication(signingProfiles::find, new DkimSigner(), new MinimalPublicSuffixes()),
                new Tracking(
                        new TrackingToken(domainKeys.dataKey().derive(TrackingToken.KEY_PURPOSE)),
                        links,
                        queue::reserveMessageId,
                        defaults::tracking),
                new ListUnsubscribe(
                        new UnsubscribeToken(domainKeys.dataKey().derive(UnsubscribeToken.KEY_PURPOSE)),
                        links,
                        returnPaths),
                queue::reserveMessageId,
                new ReturnedMail(
                        new ReturnPathAddresses(returnPaths, queue::returnPathDomainOf, queue::recipientsOf),
                        config.bounceRules(),
                        queue::recordReturned,
                        queue::recordMailUnsubscribe,
                        config.returnsReportsPerMinute()),
                (tenant, topic) -> topics.find(tenant, topic).isPresent());
        traceHeaders = new TraceHeaders(config.hostname());
    }

    /** What the SMTP sessions hand their messages to. */
    public MessageAcceptor acceptor() {
        return acceptor;
    }

    @Override
    public SubmissionResult submit(HttpSubmission submission) {
        if (!(submission.idempotency().orElse(null) instanceof IdempotencyKey key)) {
            return submitOnce(submission);
        }
        Optional<IdempotentAnswer.Claim> claimed = claim(key, () -> queueStore.claimIdempotencyKey(key));
        if (claimed.isEmpty()) {
            return new SubmissionResult.Refused(QueueingAcceptor.QUEUE_UNAVAILABLE);
        }
        if (claimed.get() instanceof IdempotentAnswer.Used used) {
            IdempotentAnswer answer = used.answer();
            if (!answer.requestSha256().equals(key.requestSha256())) {
                return new SubmissionResult.IdempotencyKeyReused(key.key());
            }
            return answer.messageId()
                    .<SubmissionResult>map(id -> new SubmissionResult.Replayed(id, answer.recipients()))
                    .orElseGet(() -> new SubmissionResult.IdempotencyKeyInUse(key.key()));
        }
        SubmissionResult result = submitOnce(submission);
        if (!(result instanceof SubmissionResult.Queued)) {
            // Nothing was created: a retry with the key runs again. (A commit that timed out and still committed later
            // keeps no key, and its retry is sent twice, which RFC 5321 §6.1 prefers to a loss.)
            release(key);
        }
        return result;
    }

    @Override
    public BatchClaim claimBatch(IdempotencyKey key, int recipients) {
        Optional<IdempotentAnswer.Claim> claimed = claim(key, () -> queueStore.claimBatchKey(key, recipients));
        if (claimed.isEmpty()) {
            return new BatchClaim.NotRun(new SubmissionResult.Refused(QueueingAcceptor.QUEUE_UNAVAILABLE));
        }
        if (claimed.get() instanceof IdempotentAnswer.Claimed run) {
            return new BatchClaim.Run(run.committed());
        }
        IdempotentAnswer answer = ((IdempotentAnswer.Used) claimed.get()).answer();
        if (!answer.requestSha256().equals(key.requestSha256())) {
            return new BatchClaim.NotRun(new SubmissionResult.IdempotencyKeyReused(key.key()));
        }
        return answer.batchAnswer()
                .<BatchClaim>map(BatchClaim.Replay::new)
                .orElseGet(() -> new BatchClaim.NotRun(new SubmissionResult.IdempotencyKeyInUse(key.key())));
    }

    @Override
    public void finishBatch(IdempotencyKey key, String answer, int messages) {
        if (messages == 0) {
            release(key);
            return;
        }
        try {
            queueStore.keepBatchAnswer(key, answer);
        } catch (RuntimeException e) {
            // The messages are named under the key already: a retry once the claim counts as abandoned finds them and
            // sends none of them again; it only answers 409 until then.
            LOG.log(Level.WARNING, "answer of tenant " + key.tenant() + "'s batch not kept with its key", e);
        }
    }

    @Override
    public void abandonBatch(IdempotencyKey key) {
        release(key);
    }

    @Override
    public Cancellation cancel(TenantId tenant, long messageId) {
        return queue.cancelScheduled(messageId, tenant);
    }

    // Two requests inserting one key at once meet at its primary key: the loser's transaction fails, and its second
    // look finds the winner's row. Empty when the database could not be asked (logged).
    private static Optional<IdempotentAnswer.Claim> claim(
            IdempotencyKey key, Supplier<IdempotentAnswer.Claim> claiming) {
        try {
            try {
                return Optional.of(claiming.get());
            } catch (RuntimeException first) {
                return Optional.of(claiming.get());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "idempotency key of tenant " + key.tenant() + " not claimed", e);
            return Optional.empty();
        }
    }

    private void release(IdempotencyKey key) {
        try {
            queueStore.releaseIdempotencyKey(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "idempotency key of tenant " + key.tenant() + " not released", e);
        }
    }

    private SubmissionResult submitOnce(HttpSubmission submission) {
        return acceptor.finish(started(submission));
    }

    @Override
    public List<SubmissionResult> submitAll(List<HttpSubmission> submissions) {
        // All handed to the committer before any is waited for, so they share its group commits.
        ClaimRenewal renewal = new ClaimRenewal(submissions, this::renew, System::nanoTime);
        List<QueueingAcceptor.Started> started = new ArrayList<>(submissions.size());
        for (HttpSubmission submission : submissions) {
            started.add(started(submission));
            renewal.tick();
        }
        List<SubmissionResult> results = new ArrayList<>(started.size());
        for (QueueingAcceptor.Started one : started) {
            results.add(acceptor.finish(one));
            renewal.tick();
        }
        return results;
    }

    private void renew(IdempotencyKey key) {
        try {
            queueStore.renewIdempotencyClaim(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "idempotency claim of tenant " + key.tenant() + "'s batch not renewed", e);
        }
    }

    /** Runs the submission pipeline, then readies the message and hands it to the committer; never throws. */
    private QueueingAcceptor.Started started(HttpSubmission submission) {
        MessageStream stream;
        try {
            stream = submission.stream().orElseGet(() -> defaults.ofApiKey(submission.apiKeyId()));
        } catch (RuntimeException e) {
            // The key's default could not be read (database down): the client keeps the message and retries.
            LOG.log(Level.WARNING, "default stream of API key " + submission.apiKeyId() + " not read", e);
            return decided(new SubmissionResult.Refused(QueueingAcceptor.QUEUE_UNAVAILABLE));
        }
        SubmissionPipeline pipeline = plugins.submission();
        Identity identity = new Identity(submission.tenant(), submission.apiKeyId());
        // In the order an SMTP transaction meets the same rules: MAIL FROM, each RCPT TO, then the message.
        Optional<PolicyRefusal> refused =
                pipeline.refusal(PluginPhase.MAIL, () -> view(submission, List.of(), Optional.empty()).stream(stream)
                        .build());
        if (refused.isPresent()) {
            return decided(new SubmissionResult.Refused(
                    refused.get().reply(), Optional.of(refused.get().plugin()), record(submission, refused.get())));
        }
        List<EmailAddress> accepted = new ArrayList<>();
        for (EmailAddress recipient : submission.recipients()) {
            Optional<PolicyRefusal> refusedRecipient = pipeline.refusal(
                    PluginPhase.RCPT, () -> view(submission, accepted, Optional.of(recipient)).stream(stream)
                            .build());
            if (refusedRecipient.isPresent()) {
                PolicyRefusal refusal = refusedRecipient.get();
                return decided(new SubmissionResult.RecipientRefused(
                        recipient, refusal.reply(), refusal.plugin(), record(submission, refusal)));
            }
            accepted.add(recipient);
        }
        refused = pipeline.refusal(PluginPhase.MESSAGE, () -> view(
                        submission, submission.recipients(), Optional.empty())
                .message(new MessageHeaders(HeaderFields.all(submission.content())), submission.content().length)
                .stream(stream)
                .build());
        if (refused.isPresent()) {
            return decided(new SubmissionResult.Refused(
                    refused.get().reply(), Optional.of(refused.get().plugin()), record(submission, refused.get())));
        }
        String protocol = submission.secure() ? "HTTPS" : "HTTP";
        TraceHeaders.Arrival arrival = new TraceHeaders.Arrival(
                "[" + submission.client().getHostAddress() + "]",
                Optional.empty(),
                submission.client(),
                protocol,
                RandomIds.next(),
                submission.recipients(),
                ZonedDateTime.now());
        ReceivedMessage message = new ReceivedMessage(
                submission.sender(),
                submission.recipients(),
                traceHeaders.stamp(MessageContent.of(submission.content()), submission.content(), arrival, true),
                new ClientInfo(submission.client(), protocol, submission.tls()),
                internationalised(submission),
                true,
                true,
                Optional.of(identity));
        return acceptor.start(
                message,
                new SendOptions(
                        stream,
                        submission.sendAt(),
                        submission.idempotency(),
                        submission.labels(),
                        submission.tracking(),
                        submission.topic()));
    }

    // RFC 6531 §3.4: a message whose envelope or header fields carry UTF-8 is an SMTPUTF8 transaction, as over SMTP.
    private static boolean internationalised(HttpSubmission submission) {
        if (submission.sender().mailbox().map(EmailAddress::needsUtf8).orElse(false)
                || submission.recipients().stream().anyMatch(EmailAddress::needsUtf8)) {
            return true;
        }
        byte[] content = submission.content();
        for (int i = 0; i + 3 < content.length; i++) {
            if (content[i] < 0) {
                return true;
            }
            if (content[i] == '\r' && content[i + 1] == '\n' && content[i + 2] == '\r' && content[i + 3] == '\n') {
                return false;
            }
        }
        return false;
    }

    private static QueueingAcceptor.Started decided(SubmissionResult result) {
        return new QueueingAcceptor.Decided(result);
    }

    // An HTTP request is all or nothing: whatever phase refused it, the whole message is recorded as refused.
    private OptionalLong record(HttpSubmission submission, PolicyRefusal refusal) {
        return acceptor.refused(new RefusedSubmission(
                submission.sender(),
                submission.recipients(),
                submission.content().length,
                new ClientInfo(submission.client(), submission.secure() ? "HTTPS" : "HTTP", submission.tls()),
                Optional.of(new Identity(submission.tenant(), submission.apiKeyId())),
                refusal,
                HeaderMessageId.of(submission.content()),
                List.of()));
    }

    // What a submission policy sees of an HTTP submission: the API key is the credential, its tenant the sender.
    private static SubmissionView view(
            HttpSubmission submission, List<EmailAddress> accepted, Optional<EmailAddress> recipient) {
        return new SubmissionView(
                        Submission.Channel.HTTP,
                        new ClientConnection(submission.client(), Optional.empty(), Optional.empty(), submission.tls()),
                        Optional.of(new AuthenticatedPrincipal(
                                submission.tenant(), CredentialId.of(submission.apiKeyId()))),
                        Optional.of(submission.tenant()))
                .envelope(Optional.of(submission.sender()), accepted, recipient);
    }

    @PreDestroy
    void stop() {
        if (committer != null) {
            committer.close();
        }
    }
}
