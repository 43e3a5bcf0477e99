package io.outpost.web.campaigns;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.relay.account.AccountStore;
import io.outpost.relay.account.UserCredential;
import io.outpost.relay.account.UserRole;
import io.outpost.relay.campaign.Campaign;
import io.outpost.relay.campaign.CampaignRecipient;
import io.outpost.relay.campaign.CampaignStore;
import io.outpost.relay.campaign.DueBatch;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.BatchItem;
import io.outpost.relay.queue.IdempotencyKey;
import io.outpost.relay.queue.MessageLabels;
import io.outpost.relay.submission.BatchClaim;
import io.outpost.relay.submission.HttpSubmission;
import io.outpost.relay.submission.HttpSubmissions;
import io.outpost.relay.submission.SubmissionResult;
import io.outpost.relay.template.CompiledTemplate;
import io.outpost.relay.template.TemplateException;
import io.outpost.relay.template.TemplateStore;
import io.outpost.relay.tenant.CredentialState;
import io.outpost.relay.tenant.CredentialStates;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tracking.TrackingOverride;
import io.outpost.web.messages.Attachment;
import io.outpost.web.messages.OneRecipientMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the campaigns whose time has come, one batch ({@code outpost.campaigns.batch-size} subscribers) per campaign
 * each {@code outpost.campaigns.interval}. Each batch goes the way a batch of the messages API goes: rendered for each
 * subscriber, composed by the same code, submitted together through {@link HttpSubmissions} (the submission pipeline:
 * sender binding, the submitter's sending limits, DKIM, the operator's policies) as bulk mail tagged with the
 * campaign's tag, under an idempotency key of the campaign's pinned batch with one place per subscriber.
 *
 * <p>So a crash neither loses nor doubles a recipient: the cursor moves past a batch only after its messages are
 * committed; a run after a crash sends the same pinned batch again, and the key tells which of its subscribers have
 * their message already (their messages' own commits named them). A refusal that says "later" (a sending limit, the
 * queue) holds the batch for {@link #HELD_FOR}; one that says "never" counts the subscriber as refused. Suppressions,
 * unsubscribes and bulk pauses are the delivery's, as for any message.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CampaignSender {

    /** Octets of composed messages held at once before they are submitted: a bound on memory, whatever the files. */
    static final long CHUNK_OCTETS = 32L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(CampaignSender.class.getName());

    /** How long a claim keeps other nodes off a campaign: far longer than one batch takes. */
    static final Duration LEASE = Duration.ofMinutes(5);

    /** How long a batch refused for now waits before it is tried again. */
    static final Duration HELD_FOR = Duration.ofMinutes(1);

    /** Campaigns one turn sends a batch of, at most: the others wait for the next turn. */
    static final int PER_TURN = 8;

    @Resource
    private TimerService timers;

    @EJB
    private CampaignStore campaigns;

    @EJB
    private TemplateStore templates;

    @EJB
    private HttpSubmissions intake;

    @Inject
    private RelayConfiguration config;

    @Inject
    private CredentialStates states;

    @EJB
    private AccountStore accounts;

    private final AtomicBoolean turning = new AtomicBoolean();
    private String node;
    private int batchSize;
    private long maxMessageSize;
    private volatile boolean released;

    @PostConstruct
    void start() {
        node = config.nodeId();
        batchSize = config.campaignsBatchSize();
        maxMessageSize = config.smtpMaxMessageSize();
        long every = config.campaignsInterval().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("outpost-campaigns", false));
        LOG.info(() -> "campaigns: " + batchSize + " subscribers a batch every " + config.campaignsInterval());
    }

    @Timeout
    void turn() {
        // A turn that outlasts the interval is not joined by the next: each campaign's batches stay in order.
        if (!turning.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!released) {
                // Claims this node held when it stopped would keep its campaigns waiting for the whole lease. Here
                // rather than at start: the schema is migrated by the engine's module, which may start after this one.
                campaigns.releaseClaims(node);
                released = true;
            }
            for (long campaign : campaigns.claimDue(node, LEASE, PER_TURN)) {
                sendNextBatch(campaign);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "campaigns: the due campaigns could not be read; the next turn tries again", e);
        } finally {
            turning.set(false);
        }
    }

    private void sendNextBatch(long id) {
        try {
            Optional<DueBatch> due = campaigns.nextBatch(id, node, batchSize);
            if (due.isPresent()) {
                send(due.get());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "campaigns: campaign " + id + "'s batch failed; it is tried again", e);
            campaigns.batchHeld(id, node, "not sent: " + e.getClass().getSimpleName() + " in Outpost", HELD_FOR);
        }
    }

    private void send(DueBatch due) {
        Campaign campaign = due.campaign();
        Optional<String> creatorStopped = creatorCannotSend(campaign, due.submittedAs());
        if (creatorStopped.isPresent()) {
            campaigns.batchHeld(campaign.id(), node, "waiting: " + creatorStopped.get(), HELD_FOR);
            return;
        }
        if (due.batch().subscriberIds().isEmpty()) {
            // No subscriber in this stretch of the audience is in the segment: the cursor moves on.
            campaigns.batchSent(campaign.id(), node, due.batch(), List.of(), 0);
            return;
        }
        IdempotencyKey key = new IdempotencyKey(
                campaign.tenant(), due.batch().key(campaign.id()), due.batch().sha256());
        BatchClaim claim = intake.claimBatch(key, due.batch().subscriberIds().size());
        if (claim instanceof BatchClaim.Replay replay) {
            // The batch ran to its end before a crash kept the campaign from moving past it.
            BatchAnswer answer = BatchAnswer.parse(replay.answer());
            campaigns.batchSent(campaign.id(), node, due.batch(), answer.messageIds(), answer.refused());
            return;
        }
        if (claim instanceof BatchClaim.NotRun notRun) {
            campaigns.batchHeld(campaign.id(), node, "waiting: " + why(notRun.why()), HELD_FOR);
            return;
        }
        Map<Integer, Long> committed = ((BatchClaim.Run) claim).committed();
        BatchAnswer answer;
        try {
            answer = run(due, key, committed);
        } catch (HeldException e) {
            intake.abandonBatch(key);
            campaigns.batchHeld(campaign.id(), node, e.getMessage(), HELD_FOR);
            return;
        } catch (RuntimeException e) {
            // What was committed stays named under the key; the next try sends only the others.
            intake.abandonBatch(key);
            throw e;
        }
        intake.finishBatch(key, answer.json(), answer.messageIds().size());
        campaigns.batchSent(campaign.id(), node, due.batch(), answer.messageIds(), answer.refused());
    }

    /** The batch was refused for now, as a whole or for some of its subscribers: it is sent again later. */
    private static final class HeldException extends Exception {

        private static final long serialVersionUID = 1L;

        HeldException(String why) {
            super(why);
        }
    }

    /**
     * Why the credential the campaign was created with may no longer send, if it may not: a campaign sends as its
     * creator, so a revoked key, or a user removed or made a viewer, stops it rather than sending in their name.
     */
    private Optional<String> creatorCannotSend(Campaign campaign, String submittedAs) {
        if (!UserCredential.names(submittedAs)) {
            return states.apiKey(submittedAs) instanceof CredentialState.Inactive
                    ? Optional.of("the API key that created it was revoked; cancel it and create it again")
                    : Optional.empty();
        }
        boolean maySend = accounts.users(campaign.tenant()).stream()
                .filter(user -> UserCredential.of(user).equals(submittedAs))
                .anyMatch(user -> user.active() && user.role().permits("POST", UserRole.Access.SENDING));
        return maySend
                ? Optional.empty()
                : Optional.of("the user who created it may no longer send; cancel it and create it again");
    }

    // Each subscriber's message but those an earlier run committed, submitted together.
    private BatchAnswer run(DueBatch due, IdempotencyKey key, Map<Integer, Long> committed) throws HeldException {
        Campaign campaign = due.campaign();
        CompiledTemplate template = template(campaign);
        List<Attachment> files =
                templates.files(campaign.tenant(), campaign.template(), campaign.templateVersion()).stream()
                        .map(Attachment::of)
                        .toList();
        InternetAddress from = internet(campaign.from());
        InetAddress client;
        try {
            client = InetAddress.getByName(due.clientAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a stored client address is a literal", e);
        }
        MessageLabels labels = labels(campaign);
        Submitted submitted = new Submitted(committed.values());
        List<HttpSubmission> ready = new ArrayList<>();
        long readyOctets = 0;
        for (CampaignRecipient subscriber : due.recipients()) {
            if (committed.containsKey(subscriber.place())) {
                continue;
            }
            byte[] content;
            try {
                content = OneRecipientMessage.compose(
                        from,
                        internet(subscriber.address()),
                        Optional.empty(),
                        template.render(SubscriberData.of(subscriber)),
                        Map.of(),
                        files);
            } catch (TemplateException e) {
                // Their data lacks a variable the template uses: they are left out, the others are sent.
                submitted.refused++;
                continue;
            }
            if (content.length > maxMessageSize) {
                submitted.refused++;
                continue;
            }
            ready.add(new HttpSubmission(
                    campaign.tenant(),
                    due.submittedAs(),
                    client,
                    Optional.empty(),
                    ReversePath.of(campaign.from()),
                    List.of(subscriber.address()),
                    content,
                    Optional.of(MessageStream.BULK),
                    Optional.empty(),
                    Optional.of(new BatchItem(key, subscriber.place())),
                    Optional.of(labels),
                    TrackingOverride.NONE,
                    campaign.topic()));
            readyOctets += content.length;
            if (readyOctets >= CHUNK_OCTETS) {
                // Each message holds its own copy of the template's files until committed: a batch of large ones
                // goes in parts, each committed under the batch's key, so memory stays bounded.
                submitted.add(intake.submitAll(ready));
                ready.clear();
                readyOctets = 0;
            }
        }
        submitted.add(intake.submitAll(ready));
        if (submitted.heldBecause.isPresent()) {
            throw new HeldException("waiting: " + submitted.heldBecause.get());
        }
        return new BatchAnswer(submitted.messages, submitted.refused);
    }

    /** What a batch's submissions came to so far. */
    private static final class Submitted {
        private final List<Long> messages;
        private int refused;
        private Optional<String> heldBecause = Optional.empty();

        Submitted(Collection<Long> committedBefore) {
            messages = new ArrayList<>(committedBefore);
        }

        void add(List<SubmissionResult> results) {
            for (SubmissionResult result : results) {
                if (result instanceof SubmissionResult.Queued queued) {
                    messages.add(queued.messageId());
                } else if (result instanceof SubmissionResult.Replayed replayed) {
                    messages.add(replayed.messageId());
                } else if (forNow(result)) {
                    heldBecause = heldBecause.or(() -> Optional.of(why(result)));
                } else {
                    refused++;
                }
            }
        }
    }

    private CompiledTemplate template(Campaign campaign) throws HeldException {
        try {
            return CompiledTemplate.of(templates
                    .find(campaign.tenant(), campaign.template(), Optional.of(campaign.templateVersion()))
                    .content());
        } catch (NoSuchEntryException | TemplateException e) {
            throw new HeldException("waiting: template " + campaign.template() + " version "
                    + campaign.templateVersion() + " cannot be used: " + e.getMessage());
        }
    }

    // Its tag, so statistics by tag break down per campaign, and its id in the metadata every event and webhook carry.
    private static MessageLabels labels(Campaign campaign) {
        return new MessageLabels(CachedJson.createObjectBuilder()
                .add("tags", CachedJson.createArrayBuilder().add(campaign.tag()))
                .add("metadata", CachedJson.createObjectBuilder().add("campaign", Long.toString(campaign.id())))
                .build()
                .toString());
    }

    // A refusal that a later try may not meet: a 4xx reply, or the batch's key still held by a run that stopped.
    private static boolean forNow(SubmissionResult result) {
        if (result instanceof SubmissionResult.Refused refused) {
            return refused.reply().isTransientFailure();
        }
        if (result instanceof SubmissionResult.RecipientRefused refused) {
            return refused.reply().isTransientFailure();
        }
        return true;
    }

    private static String why(SubmissionResult result) {
        if (result instanceof SubmissionResult.Refused refused) {
            return String.join(" ", refused.reply().lines());
        }
        if (result instanceof SubmissionResult.RecipientRefused refused) {
            return String.join(" ", refused.reply().lines());
        }
        if (result instanceof SubmissionResult.IdempotencyKeyInUse) {
            return "the batch a stop interrupted is resumed once its claim runs out";
        }
        return "the batch's idempotency key is held by another request";
    }

    private static InternetAddress internet(EmailAddress address) {
        try {
            return new InternetAddress(address.toString(), true);
        } catch (AddressException e) {
            throw new IllegalStateException("an address the relay parsed is one Jakarta Mail reads", e);
        }
    }
}
