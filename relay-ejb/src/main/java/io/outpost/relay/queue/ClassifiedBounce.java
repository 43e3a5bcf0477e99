package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.bounce.BounceClass;
import java.util.Optional;

/**
 * A recipient's bounce as the rule table classified it, recorded with its outcome: the class goes into its BOUNCED (or
 * EXPIRED) event; a hard bounce of a tenant's message puts the address on the tenant's suppression list in the same
 * transaction, so the next message to it is not sent, and a soft one is counted ({@link
 * io.outpost.relay.suppression.SoftBounces}).
 *
 * @param listOf the tenant whose list a hard-bounced address goes on: empty for mail that is no tenant's, and for a
 *     notification (a DSN), whose recipient is its tenant's own sender
 * @param reply what the receiver (or the relay) said, kept as the entry's evidence
 */
public record ClassifiedBounce(
        long recipientId,
        EmailAddress address,
        BounceClass bounceClass,
        Optional<TenantId> listOf,
        long messageId,
        String reply) {

    /**
     * A BOUNCED event's detail: {@code text}, cut to leave room for the class, then the class, which the statistics
     * count hard bounces by ({@link BounceClass#inEventDetail}).
     */
    public static String eventDetail(String text, BounceClass bounceClass) {
        String suffix = bounceClass.inEventDetail();
        int room = EventWriter.MAX_DETAIL - suffix.length();
        return (text.length() <= room ? text : text.substring(0, room)) + suffix;
    }
}
