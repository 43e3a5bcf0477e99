package io.outpost.relay.intake;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.plugin.MessageKind;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.content.HeaderFields;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.delivery.DeliveryScheduler;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.plugin.PluginHost;
import io.outpost.relay.plugin.SubmissionView;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.SigningProfiles;
import io.outpost.relay.smtp.ClientInfo;
import io.outpost.relay.smtp.MessageAcceptor;
import io.outpost.relay.smtp.RandomIds;
import io.outpost.relay.smtp.ReceivedMessage;
import io.outpost.relay.smtp.TraceHeaders;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.smtp.auth.SenderPolicy;
import io.outpost.relay.smtp.auth.SendingLimits;
import io.outpost.relay.tenant.CredentialSendingLimits;
import io.outpost.relay.tenant.CredentialStates;
import io.outpost.relay.tenant.TenantSenderPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where every submission enters the queue, whether it came over SMTP or over the HTTP API: sender binding, DKIM
 * signing and alignment ({@link OutboundAuthentication}), then the group commit, and delivery at once.
 */
@Singleton
@Startup
@DependsOn({"DeliveryScheduler", "PluginHost"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Intake {

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

    @Inject
    private CredentialStates credentialStates;

    private GroupCommitter<NewMessage, StoredMessage> committer;
    private QueueingAcceptor acceptor;
    private SenderPolicy senderPolicy;
    private SendingLimits apiKeyLimits;
    private TraceHeaders traceHeaders;

    /** One message submitted over the HTTP API by a tenant, already composed in wire form. */
    public record HttpSubmission(
            TenantId tenant,
            String apiKeyId,
            InetAddress client,
            Optional<ClientConnection.Tls> tls,
            ReversePath sender,
            List<EmailAddress> recipients,
            byte[] content) {

        /** Each mailbox once (to, cc and bcc may repeat one), so it is delivered once and counted once. */
        public HttpSubmission {
            recipients = EmailAddress.distinctMailboxes(recipients);
        }

        boolean secure() {
            return tls.isPresent();
        }
    }

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
        OutboundAuthentication authentication = new OutboundAuthentication(
                signingProfiles::find,
                new DkimSigner(),
                new MinimalPublicSuffixes(),
                config.domainsRequireDkim(),
                config.domainsRefuseMisaligned());
        acceptor = new QueueingAcceptor(committer, delivery.firstAttempts(), COMMIT_TIMEOUT, authentication);
        senderPolicy = new TenantSenderPolicy(signingProfiles::domainNames);
        // Counted by key id: each API key has its own limits, as each SMTP credential has.
        apiKeyLimits = new CredentialSendingLimits(
                identity -> credentialStates.apiKey(identity.username()), Clock.systemUTC());
        traceHeaders = new TraceHeaders(config.hostname());
    }

    /** What the SMTP sessions hand their messages to. */
    public MessageAcceptor acceptor() {
        return acceptor;
    }

    /** Binds authenticated SMTP senders to their tenant's domains. */
    public SenderPolicy senderPolicy() {
        return senderPolicy;
    }

    /**
     * Queues a message from the HTTP API under the same rules as an SMTP submission: its envelope sender and From:
     * must be in the tenant's domains, within the API key's sending limits; it gets a Received field ("with HTTPS"),
     * a Message-ID and Date if it has none.
     */
    public SubmissionResult submit(HttpSubmission submission) {
        Identity identity = new Identity(submission.tenant(), submission.apiKeyId());
        // In the order an SMTP transaction meets the same rules: MAIL FROM, each RCPT TO, then the message.
        Optional<SmtpReply> senderRefusal = senderPolicy
                .checkSender(identity, submission.sender())
                .or(() -> plugins.submission()
                        .refusal(PluginPhase.MAIL, () -> view(submission, List.of(), Optional.empty())
                                .build()));
        if (senderRefusal.isPresent()) {
            return new SubmissionResult.Refused(senderRefusal.get());
        }
        List<EmailAddress> accepted = new ArrayList<>();
        for (EmailAddress recipient : submission.recipients()) {
            Verdict verdict = plugins.suppression()
                    .check(() -> new SuppressionQuery(
                            PluginPhase.RCPT,
                            Optional.of(submission.tenant()),
                            submission.sender(),
                            recipient,
                            MessageKind.TRANSACTIONAL));
            if (verdict.kind() == Verdict.Kind.REJECT || verdict.kind() == Verdict.Kind.DEFER) {
                return new SubmissionResult.RecipientRefused(
                        recipient, verdict.effectiveReply().orElseThrow());
            }
            Optional<SmtpReply> refused = plugins.submission()
                    .refusal(PluginPhase.RCPT, () -> view(submission, accepted, Optional.of(recipient))
                            .build());
            if (refused.isPresent()) {
                return new SubmissionResult.RecipientRefused(recipient, refused.get());
            }
            accepted.add(recipient);
        }
        Optional<SmtpReply> refusal = senderPolicy
                .checkHeaderFrom(identity, submission.content())
                .or(() -> apiKeyLimits.checkMessage(
                        identity, submission.recipients().size()))
                .or(() -> plugins.submission().refusal(PluginPhase.MESSAGE, () -> view(
                                submission, submission.recipients(), Optional.empty())
                        .message(
                                new MessageHeaders(HeaderFields.all(submission.content())), submission.content().length)
                        .build()));
        if (refusal.isPresent()) {
            return new SubmissionResult.Refused(refusal.get());
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
                false,
                true,
                true,
                Optional.of(identity));
        return acceptor.queue(message);
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
