package io.outpost.web.audiences;

import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.audience.AudienceId;
import io.outpost.relay.audience.AudienceStore;
import io.outpost.relay.audience.ConfirmationMessage;
import io.outpost.relay.audience.OptInLinks;
import io.outpost.relay.audience.SubscribeRequest;
import io.outpost.relay.audience.Subscriber;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.MessageLabels;
import io.outpost.relay.submission.HttpSubmission;
import io.outpost.relay.submission.HttpSubmissions;
import io.outpost.relay.submission.SubmissionResult;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tracking.TrackingOverride;
import io.outpost.web.messages.Composition;
import io.outpost.web.messages.MimeComposer;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a double opt-in, for the API and the hosted form alike: the request is stored as PENDING with its proof, then
 * the confirmation message with its signed link is queued like any message of the tenant's (sender binding, DKIM,
 * policies, events), on the transactional stream and without tracking, so that the link reaches the subscriber as it
 * was signed.
 */
@ApplicationScoped
public class DoubleOptIn {

    /** The tag confirmation messages carry, so a tenant finds them among its messages and events. */
    static final String TAG = "double-opt-in";

    private static final MimeComposer COMPOSER = new MimeComposer();
    private static final TrackingOverride NO_TRACKING =
            new TrackingOverride(Optional.of(false), Optional.of(false), Optional.of(false));

    @EJB
    private AudienceStore audiences;

    @EJB
    private HttpSubmissions intake;

    @Inject
    private OptInLinks links;

    /**
     * What a request to subscribe came to.
     *
     * @param refused why the confirmation message was not queued, when it was to be and was not
     */
    public record Started(AudienceStore.Subscribed subscribed, Optional<SubmissionResult> refused) {}

    /**
     * @param credential the API key that asked, or {@code FormCredential.ID} for the hosted form
     * @param client where the request came from, as the message's Received field names it
     */
    public Started start(
            TenantId tenant, AudienceId audience, SubscribeRequest request, String credential, InetAddress client)
            throws NoSuchEntryException, ConflictException {
        AudienceStore.Subscribed subscribed = audiences.subscribe(tenant, audience, request);
        if (subscribed.next() != AudienceStore.Next.SEND_CONFIRMATION) {
            return new Started(subscribed, Optional.empty());
        }
        Subscriber subscriber = subscribed.subscriber();
        ConfirmationMessage.Filled message = subscribed
                .audience()
                .settings()
                .confirmation()
                .with(links.confirmation(tenant, audience, subscriber.id()));
        SubmissionResult result;
        try {
            result = submit(tenant, audience, credential, client, subscriber, message);
        } catch (RuntimeException e) {
            // Nothing was queued: the next request may send again at once rather than wait as if it had been.
            audiences.confirmationNotQueued(subscriber.id());
            throw e;
        }
        if (result instanceof SubmissionResult.Queued queued) {
            audiences.confirmationQueued(subscriber.id(), queued.messageId());
            return new Started(subscribed, Optional.empty());
        }
        audiences.confirmationNotQueued(subscriber.id());
        return new Started(subscribed, Optional.of(result));
    }

    private SubmissionResult submit(
            TenantId tenant,
            AudienceId audience,
            String credential,
            InetAddress client,
            Subscriber subscriber,
            ConfirmationMessage.Filled message) {
        return intake.submit(new HttpSubmission(
                tenant,
                credential,
                client,
                Optional.empty(),
                ReversePath.of(message.from()),
                List.of(subscriber.address()),
                COMPOSER.compose(composition(message, subscriber)),
                Optional.of(MessageStream.TRANSACTIONAL),
                Optional.empty(),
                Optional.empty(),
                Optional.of(labels(audience)),
                NO_TRACKING,
                Optional.empty()));
    }

    // RFC 3834 §5: a message a program sent, not a person; receivers send no vacation replies to it.
    private static Composition composition(ConfirmationMessage.Filled message, Subscriber subscriber) {
        return new Composition(
                address(message.from().toString()),
                List.of(address(subscriber.address().toString())),
                List.of(),
                List.of(),
                Optional.empty(),
                message.subject(),
                Optional.of(message.text()),
                message.html(),
                Map.of("Auto-Submitted", "auto-generated"));
    }

    private static InternetAddress address(String mailbox) {
        InternetAddress address = new InternetAddress();
        address.setAddress(mailbox);
        return address;
    }

    private static MessageLabels labels(AudienceId audience) {
        return new MessageLabels(CachedJson.createObjectBuilder()
                .add("tags", CachedJson.createArrayBuilder().add(TAG))
                .add("metadata", CachedJson.createObjectBuilder().add("audience", audience.value()))
                .build()
                .toString());
    }
}
