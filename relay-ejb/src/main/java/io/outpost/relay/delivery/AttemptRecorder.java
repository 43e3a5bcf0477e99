package io.outpost.relay.delivery;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.bounce.BounceClass;
import io.outpost.relay.bounce.BounceRules;
import io.outpost.relay.queue.AttemptRecord;
import io.outpost.relay.queue.Claim;
import io.outpost.relay.queue.ClassifiedBounce;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.queue.RecipientState;
import io.outpost.relay.queue.RecipientUpdate;
import io.outpost.relay.sending.OutboundAuthentication.Ready;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the remote replies of one attempt into queue states: 2xx delivered, 5xx bounced, 4xx deferred by the retry
 * policy or, past the queue lifetime, expired; a recipient a suppression policy refused is suppressed. Each bounce is
 * classified by the rule table ({@link BounceRules}). Bounced, expired
 * and suppressed recipients get one DSN to the envelope sender
 * (RFC 3464) — never when the sender is the null path, so a bounce can never bounce (RFC 5321 §4.5.5).
 */
final class AttemptRecorder {

    private final RetryPolicy retry;
    private final DsnNotices notices;
    private final Clock clock;
    private final BounceRules rules;

    /**
     * @param notificationSigning signs a DSN if a verified key of its From: domain exists; it must not refuse: a DSN
     *     that cannot be signed goes out unsigned rather than not at all
     * @param rules classifies each bounce: a hard one suppresses its address for the message's tenant
     */
    AttemptRecorder(
            RetryPolicy retry,
            DsnBuilder dsn,
            Clock clock,
            Function<byte[], Ready> notificationSigning,
            BounceRules rules) {
        this.rules = rules;
        this.retry = retry;
        this.notices = new DsnNotices(dsn, notificationSigning);
        this.clock = clock;
    }

    AttemptRecord record(MessageForDelivery message, List<Claim> claims, Map<EmailAddress, RecipientOutcome> outcomes) {
        Instant now = clock.instant();
        List<RecipientUpdate> updates = new ArrayList<>(claims.size());
        List<FailedRecipient> failures = new ArrayList<>();
        List<ClassifiedBounce> bounces = new ArrayList<>();
        for (Claim claim : claims) {
            RecipientOutcome outcome = outcomes.get(claim.recipient());
            String reply = outcome.describe();
            switch (outcome.kind()) {
                case DELIVERED -> updates.add(final_(claim, RecipientState.DELIVERED, reply));
                case CAPTURED -> updates.add(final_(claim, RecipientState.CAPTURED, reply));
                case BOUNCED -> {
                    updates.add(final_(claim, RecipientState.BOUNCED, reply));
                    failures.add(FailedRecipient.of(outcome, now));
                    bounces.add(bounce(message, claim, rules.classify(outcome.reply()), reply));
                }
                case SUPPRESSED -> {
                    updates.add(final_(claim, RecipientState.SUPPRESSED, reply));
                    failures.add(FailedRecipient.of(outcome, now));
                }
                case DEFERRED -> {
                    Optional<Instant> next = retry.nextAttempt(claim.attemptsMade() + 1, message.queuedSince(), now);
                    if (next.isPresent()) {
                        updates.add(new RecipientUpdate(
                                claim.recipientId(), claim.token(), RecipientState.DEFERRED, reply, next));
                    } else {
                        updates.add(final_(claim, RecipientState.EXPIRED, reply));
                        failures.add(FailedRecipient.of(outcome, now));
                        // Only a receiver's own reply says anything of the address: Outpost's (no MX answered, the
                        // connection broke, a list could not be read) would make a relay's trouble the recipient's.
                        if (outcome.remoteHost().isPresent()) {
                            bounces.add(bounce(message, claim, expiredClass(outcome), reply));
                        }
                    }
                }
            }
        }
        return new AttemptRecord(updates, notices.about(message, failures), bounces);
    }

    private static ClassifiedBounce bounce(
            MessageForDelivery message, Claim claim, BounceClass bounceClass, String reply) {
        return new ClassifiedBounce(
                claim.recipientId(),
                claim.recipient(),
                bounceClass,
                // A notification's recipient is its tenant's own sender, not someone it mails.
                message.sender().isNull() ? Optional.empty() : message.tenant(),
                message.messageId(),
                reply);
    }

    // A recipient deferred until its queue lifetime ran out bounced softly: a temporary reply never proves that an
    // address does not exist (RFC 5321 §4.2.1), whatever its words; a policy block still says nothing of the address.
    private BounceClass expiredClass(RecipientOutcome outcome) {
        BounceClass bounceClass = rules.classify(outcome.reply());
        return bounceClass == BounceClass.HARD || bounceClass == BounceClass.UNKNOWN ? BounceClass.SOFT : bounceClass;
    }

    private static RecipientUpdate final_(Claim claim, RecipientState state, String reply) {
        return new RecipientUpdate(claim.recipientId(), claim.token(), state, reply, Optional.empty());
    }
}
