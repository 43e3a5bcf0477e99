package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.queue.AttemptRecord;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.sending.ReturnPathToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attempt on one message: the suppression policies are asked about each claimed recipient first (a suppression
 * added after the message was queued still stops it), then whether bulk mail from its sender is paused by a blocklist
 * listing ({@link PreDeliveryChecks}); the others are grouped by domain, each domain gets one SMTP
 * transaction, and the outcomes are recorded through the group committer. Any DSN this produces is dispatched like new mail. An outcome
 * is recorded only while this attempt's claims still hold their recipients (see {@code QueueCommits#record}).
 *
 * <p>A message with a return-path domain goes out with a VERP envelope sender per recipient ({@code
 * b-<token>@<return-path domain>}), so each recipient gets its own transaction (on the same pooled connection): a
 * bounce then names exactly the recipient it is about, whatever its body says. So does each recipient of a bulk message
 * that gets its own copy ({@link RecipientCopies}).
 */
final class DeliveryAttempt implements Runnable {

    private static final Logger LOG = Logger.getLogger(DeliveryAttempt.class.getName());

    // RFC 3463 §3.5: 4.3.0 — an internal failure is temporary: the recipient is retried, never dropped.
    private static final SmtpReply INTERNAL_FAILURE =
            SmtpReply.of(451, "4.3.0", "Delivery attempt failed inside Outpost; will retry");

    private final long messageId;
    private final Supplier<MessageForDelivery> message;
    private final List<Claim> claims;
    private final OutboundSmtp outbound;
    private final AttemptRecorder recorder;
    private final GroupCommitter<AttemptRecord, List<StoredMessage>> outcomes;
    private final Consumer<StoredMessage> dispatch;
    private final ReturnPathToken returnPaths;
    private final PreDeliveryChecks checks;
    private final RecipientCopies copies;

    DeliveryAttempt(
            long messageId,
            Supplier<MessageForDelivery> message,
            List<Claim> claims,
            OutboundSmtp outbound,
            AttemptRecorder recorder,
            GroupCommitter<AttemptRecord, List<StoredMessage>> outcomes,
            Consumer<StoredMessage> dispatch,
            ReturnPathToken returnPaths,
            PreDeliveryChecks checks,
            RecipientCopies copies) {
        this.returnPaths = returnPaths;
        this.checks = checks;
        this.copies = copies;
        this.messageId = messageId;
        this.message = message;
        this.claims = claims;
        this.outbound = outbound;
        this.recorder = recorder;
        this.outcomes = outcomes;
        this.dispatch = dispatch;
    }

    @Override
    public void run() {
        try (MessageForDelivery loaded = message.get()) {
            Map<EmailAddress, RecipientOutcome> results = deliver(loaded);
            // The worker does not wait for the commit: the next attempt can start while the outcome waits for its
            // group commit and fsync (QueueCommits#syncOutcomesToDisk), which under load takes a few milliseconds.
            outcomes.submit(recorder.record(loaded, claims, results)).whenComplete((notifications, failure) -> {
                if (failure != null) {
                    notRecorded(failure);
                } else {
                    notifications.forEach(dispatch);
                }
            });
        } catch (RuntimeException e) {
            notRecorded(e);
        }
    }

    private void notRecorded(Throwable failure) {
        // The claims stay leased; when the lease runs out the recipients come due again.
        LOG.log(Level.WARNING, "attempt on message " + messageId + " could not be recorded", failure);
    }

    private Map<EmailAddress, RecipientOutcome> deliver(MessageForDelivery message) {
        Map<EmailAddress, RecipientOutcome> results = new HashMap<>();
        List<Claim> toSend = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            checks.suppressed(message, claim.recipient())
                    .ifPresentOrElse(stopped -> results.put(claim.recipient(), stopped), () -> toSend.add(claim));
        }
        // After the suppression policies, so the sandbox shows whom they would have stopped.
        if (!toSend.isEmpty() && checks.captured(message)) {
            toSend.forEach(claim -> results.put(claim.recipient(), RecipientOutcome.captured(claim.recipient())));
            return results;
        }
        Optional<SmtpReply> paused = toSend.isEmpty() ? Optional.empty() : checks.paused(message);
        if (paused.isPresent()) {
            toSend.forEach(claim -> results.put(
                    claim.recipient(), RecipientOutcome.of(claim.recipient(), paused.get(), Optional.empty())));
            return results;
        }
        // Alone in its transaction: a recipient with its own return path, or its own copy.
        boolean ownCopies = copies.needed(message);
        if (message.returnPath().isPresent() || ownCopies) {
            for (Claim claim : toSend) {
                ReversePath sender = message.returnPath()
                        .map(bounces -> ReversePath.of(
                                new EmailAddress(returnPaths.localPart(messageId, claim.recipientId()), bounces)))
                        .orElse(message.sender());
                Supplier<MessageContent> content =
                        ownCopies ? () -> copies.copyFor(message, claim.recipient()) : message::content;
                send(content, sender, claim.recipient().domain(), List.of(claim.recipient()), results);
            }
            return results;
        }
        Map<Domain, Set<EmailAddress>> byDomain = new LinkedHashMap<>();
        for (Claim claim : toSend) {
            byDomain.computeIfAbsent(claim.recipient().domain(), d -> new LinkedHashSet<>())
                    .add(claim.recipient());
        }
        byDomain.forEach((domain, recipients) ->
                send(message::content, message.sender(), domain, List.copyOf(recipients), results));
        return results;
    }

    private void send(
            Supplier<MessageContent> content,
            ReversePath sender,
            Domain domain,
            List<EmailAddress> recipients,
            Map<EmailAddress, RecipientOutcome> results) {
        try {
            outbound.deliver(domain, sender, recipients, content.get())
                    .outcomes()
                    .forEach(outcome -> results.put(outcome.recipient(), outcome));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery of message " + messageId + " to " + domain + " failed", e);
            recipients.forEach(r -> results.put(r, RecipientOutcome.of(r, INTERNAL_FAILURE, Optional.empty())));
        }
    }
}
