package io.outpost.web.messages;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.Cancellation;
import io.outpost.relay.queue.IdempotencyKey;
import io.outpost.relay.queue.IdempotencyMark;
import io.outpost.relay.queue.MessageLabels;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.submission.HttpSubmission;
import io.outpost.relay.submission.HttpSubmissions;
import io.outpost.relay.submission.SubmissionResult;
import io.outpost.relay.template.RenderedMessage;
import io.outpost.relay.template.TemplateStore;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.topic.TenantTopics;
import io.outpost.web.problem.Problem;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.Caller;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.internet.InternetAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/messages}: a tenant sends a message. 202 once it is committed to the queue, like SMTP's 250;
 * otherwise a problem: 400 naming the field, 403 for a sender outside the tenant's domains, 429 past the API key's
 * sending limits, 422 while the sending domain's DKIM record is missing or wrong (or the message would fail DMARC
 * alignment), 503 to try again later. {@code GET /api/v1/messages}: the tenant's messages, a page at a time.
 * {@code GET /api/v1/messages/{id}}: the story of one of the tenant's messages.
 */
@Path("messages")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    static final String NOT_CANCELLABLE = "urn:outpost:problem:not-cancellable";

    private static final MimeComposer COMPOSER = new MimeComposer();

    @EJB
    private HttpSubmissions intake;

    @EJB
    private QueueStore queue;

    @EJB
    private TemplateStore templates;

    @Inject
    private RelayConfiguration config;

    @Inject
    private TenantTopics topics;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(JsonObject body) throws UnknownHostException {
        TenantId tenant = CallingTenant.of(security);
        Optional<IdempotencyKey> idempotency =
                IdempotencyKeys.of(request.getHeader(IdempotencyKeys.HEADER), tenant, body);
        Optional<MessageLabels> labels = LabelsRequest.parse(body);
        SendingRequest sending = SendingRequest.parse(
                body, Instant.now(), topic -> topics.find(tenant, topic).isPresent());
        Optional<TemplateUse> use = TemplateUse.parse(body);
        Optional<TemplateForSending> template = use.map(named -> named.compile(templates, tenant));
        Optional<RenderedMessage> rendered =
                template.map(found -> use.orElseThrow().render(found.compiled()));
        Composition message = MessageRequest.parse(
                body,
                config.smtpMaxRecipients(),
                rendered,
                template.map(TemplateForSending::files).orElse(List.of()));
        byte[] content = COMPOSER.compose(message);
        return submit(
                tenant,
                ReversePath.of(mailbox(message.from())),
                recipients(message),
                content,
                sending,
                idempotency,
                labels);
    }

    /**
     * {@code POST /api/v1/messages/raw}: a complete RFC 5322 message and its envelope ({@link RawMessageRequest}),
     * under the same rules as any submission: sender binding (the From field too), signing, limits, the operator's
     * policies. 202 once it is committed.
     */
    @POST
    @Path("raw")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sendRaw(JsonObject body) throws UnknownHostException {
        TenantId tenant = CallingTenant.of(security);
        Optional<IdempotencyKey> idempotency =
                IdempotencyKeys.of(request.getHeader(IdempotencyKeys.HEADER), tenant, body);
        Optional<MessageLabels> labels = LabelsRequest.parse(body);
        SendingRequest sending = SendingRequest.parse(
                body, Instant.now(), topic -> topics.find(tenant, topic).isPresent());
        RawMessageRequest raw = RawMessageRequest.parse(body, config.smtpMaxRecipients());
        return submit(
                tenant,
                raw.sender(),
                EmailAddress.distinctMailboxes(raw.recipients()),
                raw.content(),
                sending,
                idempotency,
                labels);
    }

    private Response submit(
            TenantId tenant,
            ReversePath sender,
            List<EmailAddress> recipients,
            byte[] content,
            SendingRequest sending,
            Optional<IdempotencyKey> idempotency,
            Optional<MessageLabels> labels)
            throws UnknownHostException {
        if (content.length > config.smtpMaxMessageSize()) {
            throw new ProblemException(SubmissionProblems.tooLarge(content.length, config.smtpMaxMessageSize()));
        }
        // An API key's id, or the signed-in user the mechanism let through.
        String keyId = Caller.credential(request);
        SubmissionResult result = intake.submit(new HttpSubmission(
                tenant,
                keyId,
                CallerConnection.address(request),
                CallerConnection.tls(request),
                sender,
                recipients,
                content,
                sending.stream(),
                sending.sendAt(),
                idempotency.map(IdempotencyMark.class::cast),
                labels,
                sending.tracking(),
                sending.topic()));
        if (result instanceof SubmissionResult.Queued queued) {
            return accepted(queued.messageId(), recipients.size(), sending.sendAt())
                    .build();
        }
        if (result instanceof SubmissionResult.Replayed replayed) {
            // The first answer again (RFC 9110 §9.2.2 idempotence, as the IETF draft on Idempotency-Key describes it).
            return accepted(replayed.messageId(), replayed.recipients(), sending.sendAt())
                    .header(IdempotencyKeys.REPLAYED, "true")
                    .build();
        }
        return SubmissionProblems.response(result);
    }

    private static Response.ResponseBuilder accepted(long id, int recipients, Optional<Instant> sendAt) {
        JsonObjectBuilder json =
                CachedJson.createObjectBuilder().add("id", Long.toString(id)).add("recipients", recipients);
        sendAt.ifPresent(at -> json.add("sendAt", at.toString()));
        return Response.accepted(json.build().toString());
    }

    /**
     * {@code POST /api/v1/messages/{id}/cancel}: cancels the calling tenant's scheduled message before its time; 200
     * with its story, whose recipients are CANCELLED (asking again is the same answer). 409 once its time has come or
     * for a message sent at once; 404 for none of the tenant's.
     */
    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") String id) throws NoSuchEntryException {
        TenantId tenant = CallingTenant.of(security);
        long messageId = MessageIds.parse(id).orElseThrow(MessageIds::notFound);
        Cancellation cancellation = intake.cancel(tenant, messageId);
        if (cancellation instanceof Cancellation.NotFound) {
            throw MessageIds.notFound();
        }
        if (cancellation instanceof Cancellation.NotScheduled) {
            return notCancellable("message " + id + " was sent at once, not scheduled; there is nothing to cancel");
        }
        if (cancellation instanceof Cancellation.AlreadyDue due) {
            return notCancellable("message " + id + " was due at " + due.sendAt() + " and is being sent, or was");
        }
        return Response.ok(story(id)).build();
    }

    private static Response notCancellable(String detail) {
        return new Problem(NOT_CANCELLABLE, "Not cancellable", 409, detail, List.of()).toResponse();
    }

    /**
     * {@code GET /api/v1/messages}: the calling tenant's messages, newest first, a page at a time, filtered by time,
     * sender, recipient, state or Message-ID ({@link MessageListing}).
     */
    @GET
    public String list(@Context UriInfo uri) {
        TenantId tenant = CallingTenant.of(security);
        return MessageListing.json(queue.list(MessageListing.query(uri.getQueryParameters(), Optional.of(tenant))));
    }

    /**
     * {@code GET /api/v1/messages/{id}}: the calling tenant's message with its recipients and story. Another tenant's
     * message, or none, is the same 404: a tenant cannot learn which ids exist.
     */
    @GET
    @Path("{id}")
    public String story(@PathParam("id") String id) throws NoSuchEntryException {
        TenantId tenant = CallingTenant.of(security);
        return MessageStoryJson.of(MessageIds.parse(id)
                .flatMap(messageId -> queue.story(messageId, Optional.of(tenant)))
                .orElseThrow(MessageIds::notFound));
    }

    /**
     * {@code GET /api/v1/messages/{id}/raw}: the calling tenant's message exactly as it was (or, captured by the sandbox,
     * would have been) sent, with every field Outpost added; 404 once the retention purged it, or for a refused one.
     */
    @GET
    @Path("{id}/raw")
    @Produces("message/rfc822")
    public Response raw(@PathParam("id") String id) throws NoSuchEntryException {
        return MessageContentJson.raw(queue, id, Optional.of(CallingTenant.of(security)));
    }

    /** {@code GET /api/v1/messages/{id}/parsed}: the same message's header fields and MIME parts as JSON. */
    @GET
    @Path("{id}/parsed")
    public String parsed(@PathParam("id") String id) throws NoSuchEntryException {
        return MessageContentJson.parsed(queue, id, Optional.of(CallingTenant.of(security)));
    }

    // The same rule as SMTP's RCPT (EmailAddress#isSameMailbox), so the count answered is the count delivered.
    private static List<EmailAddress> recipients(Composition message) {
        return EmailAddress.distinctMailboxes(Stream.of(message.to(), message.cc(), message.bcc())
                .flatMap(List::stream)
                .map(MessagesResource::mailbox)
                .toList());
    }

    private static EmailAddress mailbox(InternetAddress address) {
        return EmailAddress.parse(address.getAddress());
    }
}
