package io.outpost.api.plugin;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Should this message still go to this recipient?
 *
 * @param phase {@link PluginPhase#RCPT} when the recipient is given (SMTP RCPT TO, or an HTTP submission), {@link
 *     PluginPhase#PRE_DELIVERY} before each delivery attempt
 * @param tenant whose message it is; empty for mail of no tenant (a trusted network that is no tenant's, or mail to the
 *     relay's own postmaster)
 * @param sender the envelope sender (the null path for a bounce)
 * @param recipient the envelope recipient
 * @param stream the stream it is sent on: transactional or bulk
 * @param topic the topic of the tenant's bulk mail it names, if any; always empty at {@link PluginPhase#RCPT}, where
 *     an SMTP client has not yet sent the message that names it
 */
public record SuppressionQuery(
        PluginPhase phase,
        Optional<TenantId> tenant,
        ReversePath sender,
        EmailAddress recipient,
        MessageStream stream,
        Optional<Topic> topic) {

    /** A query about a message that names no topic. */
    public SuppressionQuery(
            PluginPhase phase,
            Optional<TenantId> tenant,
            ReversePath sender,
            EmailAddress recipient,
            MessageStream stream) {
        this(phase, tenant, sender, recipient, stream, Optional.empty());
    }

    public SuppressionQuery {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(topic, "topic");
        if (phase != PluginPhase.RCPT && phase != PluginPhase.PRE_DELIVERY) {
            throw new IllegalArgumentException("suppression is asked at RCPT and PRE_DELIVERY, not " + phase);
        }
    }
}
