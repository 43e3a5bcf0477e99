package io.outpost.relay.submission;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.IdempotencyMark;
import io.outpost.relay.queue.MessageLabels;
import io.outpost.relay.tracking.TrackingOverride;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message submitted over the HTTP API by a tenant, already composed in wire form.
 *
 * @param stream the stream the request named; empty for its API key's (or tenant's) default
 * @param sendAt when to send it, if later than at once; it can be cancelled until then
 * @param tracking what the request asked to track, over its tenant's setting for its stream
 * @param idempotency the request's {@code Idempotency-Key} (a retry with it gets the first answer and creates nothing),
 *     or, for one recipient of a batch, its place under the batch's key
 * @param labels its tags and metadata, returned with its story, events and webhooks
 * @param topic the topic of its tenant's bulk mail it names, if any: it must be one of the tenant's
 */
public record HttpSubmission(
        TenantId tenant,
        String apiKeyId,
        InetAddress client,
        Optional<ClientConnection.Tls> tls,
        ReversePath sender,
        List<EmailAddress> recipients,
        byte[] content,
        Optional<MessageStream> stream,
        Optional<Instant> sendAt,
        Optional<IdempotencyMark> idempotency,
        Optional<MessageLabels> labels,
        TrackingOverride tracking,
        Optional<Topic> topic) {

    /** Each mailbox once (to, cc and bcc may repeat one), so it is delivered once and counted once. */
    public HttpSubmission {
        recipients = EmailAddress.distinctMailboxes(recipients);
    }

    public boolean secure() {
        return tls.isPresent();
    }
}
