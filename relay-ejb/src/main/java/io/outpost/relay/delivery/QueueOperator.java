package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.OperatorOutcome;
import io.outpost.relay.queue.OperatorRequest;
import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.sending.SigningProfiles;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's hold, release, retry-now and purge ({@link QueueCommits#operate}). A purge with bounce sends each
 * message's sender one DSN about its purged recipients, as an expiry would, and hands it to the delivery workers at
 * once; without bounce the sender is told nothing, and only the story says what happened (Postfix's {@code postsuper
 * -d} sends nothing either: purging without a bounce is what an operator does to spam, and a bounce is a choice).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueOperator {

    /** The reply a purged recipient is reported with in a DSN: RFC 3463 X.0.0, other or undefined status. */
    static final SmtpReply PURGED = SmtpReply.of(550, "5.0.0", "delivery cancelled by the relay's operator");

    @Inject
    private QueueCommits commits;

    @EJB
    private QueueStore queue;

    @EJB
    private DeliveryScheduler delivery;

    @Inject
    private RelayConfiguration config;

    @Inject
    private SigningProfiles signingProfiles;

    /** Applies the operator's request; the DSNs a purge with bounce queued go to the workers. */
    public OperatorOutcome apply(OperatorRequest request) {
        Clock clock = Clock.systemUTC();
        DsnNotices notices = new DsnNotices(
                new DsnBuilder(Domain.of(config.hostname()), clock), new NotificationSigning(signingProfiles::find));
        OperatorOutcome total = new OperatorOutcome(0, 0, 0);
        Optional<Long> after = Optional.of(0L);
        while (after.isPresent()) {
            QueueCommits.Operated operated = commits.operate(
                    request, (messageId, purged) -> notice(notices, messageId, purged, clock.instant()), after.get());
            operated.notices().forEach(delivery.firstAttempts());
            total = total.plus(operated.outcome());
            after = operated.readUpTo();
        }
        return total;
    }

    private Optional<NewMessage> notice(DsnNotices notices, long messageId, List<EmailAddress> purged, Instant now) {
        try (MessageForDelivery message = queue.load(messageId)) {
            return notices.about(
                    message,
                    purged.stream()
                            .map(address -> new FailedRecipient(address, PURGED, Optional.empty(), now))
                            .toList());
        }
    }
}
