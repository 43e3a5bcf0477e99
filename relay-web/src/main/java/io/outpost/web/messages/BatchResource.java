package io.outpost.web.messages;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.BatchItem;
import io.outpost.relay.queue.IdempotencyKey;
import io.outpost.relay.queue.IdempotencyMark;
import io.outpost.relay.queue.MessageLabels;
import io.outpost.relay.submission.BatchClaim;
import io.outpost.relay.submission.HttpSubmission;
import io.outpost.relay.submission.HttpSubmissions;
import io.outpost.relay.submission.SubmissionResult;
import io.outpost.relay.template.CompiledTemplate;
import io.outpost.relay.template.RenderedMessage;
import io.outpost.relay.template.TemplateException;
import io.outpost.relay.template.TemplateStore;
import io.outpost.relay.topic.TenantTopics;
import io.outpost.web.problem.Problem;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.Caller;
import io.outpost.web.security.Roles;
import io.outpost.web.templates.TemplatesResource;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/messages/batch} ({@link BatchRequest}): one template, or the batch's own content, for up to
 * 1,000 recipients, each sent a message of their own rendered with their data, all through the same submission
 * pipeline as any message and committed together. 200 with each recipient's outcome, in the order given: the id of
 * its message, or its own error as a problem object (a bad address or missing variable: 400; refused by a policy:
 * the status a single message would have had). A 400 for what the whole batch shares stops it before anything is sent.
 * With an {@code Idempotency-Key} ({@link IdempotencyKeys#ofBatch}) a retry gets the first answer word for word, and a
 * retry after a crash half-way sends only the recipients whose messages were not committed.
 */
@Path("messages/batch")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    /** The attachments of a batch's messages together, encoded, at most: what its messages may hold in memory. */
    static final long MAX_ATTACHED_OCTETS = 256L * 1024 * 1024;

    @EJB
    private HttpSubmissions intake;

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

    /** One recipient's message, ready to submit, or why there is none, or the one an earlier run committed. */
    private sealed interface Prepared {}

    private record Ready(String to, HttpSubmission submission) implements Prepared {}

    private record Failed(String to, Problem problem) implements Prepared {}

    private record SentBefore(String to, long messageId) implements Prepared {}

    /** What every recipient's message shares but its content. */
    private record Shared(
            TenantId tenant,
            String keyId,
            InetAddress client,
            Optional<ClientConnection.Tls> tls,
            SendingRequest sending,
            Optional<MessageLabels> labels,
            Optional<IdempotencyKey> idempotency) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(JsonObject body) throws UnknownHostException {
        TenantId tenant = CallingTenant.of(security);
        Optional<IdempotencyKey> idempotency =
                IdempotencyKeys.ofBatch(request.getHeader(IdempotencyKeys.HEADER), tenant, body);
        SendingRequest sending = SendingRequest.parse(
                body, Instant.now(), topic -> topics.find(tenant, topic).isPresent());
        Optional<MessageLabels> labels = LabelsRequest.parse(body);
        BatchRequest batch = BatchRequest.parse(body);
        fitsInMemory(batch, batch.attachments());
        // An API key's id, or the signed-in user the mechanism let through.
        String keyId = Caller.credential(request);
        Shared shared = new Shared(
                tenant,
                keyId,
                CallerConnection.address(request),
                CallerConnection.tls(request),
                sending,
                labels,
                idempotency);
        if (idempotency.isEmpty()) {
            return Response.ok(run(batch, compile(batch, tenant), body, shared, Map.of())
                            .toString())
                    .build();
        }
        IdempotencyKey key = idempotency.get();
        // Claimed before the template is read: a retry gets the first answer even if the template has gone since.
        BatchClaim claim = intake.claimBatch(key, batch.recipients().size());
        if (claim instanceof BatchClaim.Replay replay) {
            // The first answer again (RFC 9110 §9.2.2 idempotence, as the IETF draft on Idempotency-Key describes it).
            return Response.ok(replay.answer())
                    .header(IdempotencyKeys.REPLAYED, "true")
                    .build();
        }
        if (claim instanceof BatchClaim.NotRun notRun) {
            return SubmissionProblems.response(notRun.why());
        }
        JsonObject answer;
        try {
            answer = run(batch, compile(batch, tenant), body, shared, ((BatchClaim.Run) claim).committed());
        } catch (RuntimeException e) {
            // A retry runs again, sending only what this run did not commit.
            intake.abandonBatch(key);
            throw e;
        }
        String text = answer.toString();
        intake.finishBatch(key, text, answer.getInt("accepted"));
        return Response.ok(text).build();
    }

    /**
     * Every recipient's message carries its own copy of the attachments (the request's and its template's), base64,
     * until it is committed: bounded, or one request could fill the heap.
     */
    private static void fitsInMemory(BatchRequest batch, List<Attachment> attachments) {
        long attached = attachments.stream().mapToLong(a -> a.content().length).sum();
        if (attached * 4 / 3 * batch.recipients().size() > MAX_ATTACHED_OCTETS) {
            throw new ProblemException(new Problem(
                    SubmissionProblems.TOO_LARGE,
                    "Batch too large",
                    413,
                    "the attachments of all the batch's messages together exceed " + MAX_ATTACHED_OCTETS
                            + " octets; send fewer recipients per batch",
                    List.of(new InvalidParam("recipients", "fewer recipients for attachments this large"))));
        }
    }

    // Each recipient's message but those committed before, submitted together; the answer names every recipient.
    private JsonObject run(
            BatchRequest batch,
            TemplateForSending template,
            JsonObject body,
            Shared shared,
            Map<Integer, Long> committed) {
        fitsInMemory(
                batch,
                Stream.concat(template.files().stream(), batch.attachments().stream())
                        .toList());
        List<Prepared> prepared = new ArrayList<>(batch.recipients().size());
        for (int i = 0; i < batch.recipients().size(); i++) {
            prepared.add(
                    committed.containsKey(i)
                            ? new SentBefore(addressOf(batch.recipients().get(i), i), committed.get(i))
                            : prepare(batch, template, i, body, shared));
        }
        List<HttpSubmission> ready = prepared.stream()
                .filter(Ready.class::isInstance)
                .map(p -> ((Ready) p).submission())
                .toList();
        List<SubmissionResult> results = intake.submitAll(ready);

        JsonArrayBuilder answers = CachedJson.createArrayBuilder();
        int next = 0;
        int accepted = 0;
        for (int i = 0; i < prepared.size(); i++) {
            JsonObjectBuilder answer = CachedJson.createObjectBuilder().add("index", i);
            if (prepared.get(i) instanceof Ready one) {
                answer.add("to", one.to());
                SubmissionResult result = results.get(next++);
                if (result instanceof SubmissionResult.Queued queued) {
                    answer.add("id", Long.toString(queued.messageId()));
                    accepted++;
                } else {
                    answer.add("error", SubmissionProblems.json(result));
                }
            } else if (prepared.get(i) instanceof SentBefore sent) {
                answer.add("to", sent.to()).add("id", Long.toString(sent.messageId()));
                accepted++;
            } else {
                Failed failed = (Failed) prepared.get(i);
                answer.add("to", failed.to()).add("error", failed.problem().json(Map.of()));
            }
            answers.add(answer);
        }
        JsonObjectBuilder json =
                CachedJson.createObjectBuilder().add("accepted", accepted).add("rejected", prepared.size() - accepted);
        shared.sending().sendAt().ifPresent(at -> json.add("sendAt", at.toString()));
        return json.add("results", answers).build();
    }

    private TemplateForSending compile(BatchRequest batch, TenantId tenant) {
        if (batch.template().isPresent()) {
            return batch.template().get().compile(templates, tenant);
        }
        try {
            return TemplateForSending.withoutFiles(
                    CompiledTemplate.of(batch.inline().orElseThrow()));
        } catch (TemplateException e) {
            throw TemplatesResource.invalid("", e);
        }
    }

    private Prepared prepare(
            BatchRequest batch, TemplateForSending template, int index, JsonObject body, Shared shared) {
        BatchRequest.Recipient recipient;
        try {
            recipient = BatchRequest.Recipient.parse(batch.recipients().get(index), index);
        } catch (BatchRequest.InvalidRecipient e) {
            return new Failed(
                    toOf(batch.recipients().get(index)),
                    ProblemException.invalid(e.invalid()).problem());
        }
        String to = recipient.to().getAddress();
        Map<String, Object> data =
                new HashMap<>(batch.template().map(TemplateUse::data).orElse(Map.of()));
        data.putAll(recipient.data());
        RenderedMessage rendered;
        try {
            rendered = template.compiled().render(data);
            MessageRequest.subject(rendered.subject());
        } catch (TemplateException e) {
            return new Failed(
                    to,
                    TemplatesResource.invalid("recipients[" + index + "].data", e)
                            .problem());
        } catch (IllegalArgumentException e) {
            return new Failed(
                    to,
                    ProblemException.invalid(List.of(
                                    new InvalidParam("recipients[" + index + "].data", "subject " + e.getMessage())))
                            .problem());
        }
        Optional<MessageLabels> own;
        try {
            own = recipient.metadata().isEmpty() ? Optional.empty() : LabelsRequest.parse(merged(body, recipient));
        } catch (ProblemException e) {
            return new Failed(to, e.problem());
        }
        byte[] content = OneRecipientMessage.compose(
                batch.from(),
                recipient.to(),
                batch.replyTo(),
                rendered,
                batch.headers(),
                Stream.concat(template.files().stream(), batch.attachments().stream())
                        .toList());
        if (content.length > config.smtpMaxMessageSize()) {
            return new Failed(to, SubmissionProblems.tooLarge(content.length, config.smtpMaxMessageSize()));
        }
        return new Ready(
                to,
                new HttpSubmission(
                        shared.tenant(),
                        shared.keyId(),
                        shared.client(),
                        shared.tls(),
                        ReversePath.of(EmailAddress.parse(batch.from().getAddress())),
                        List.of(EmailAddress.parse(to)),
                        content,
                        shared.sending().stream(),
                        shared.sending().sendAt(),
                        shared.idempotency().<IdempotencyMark>map(key -> new BatchItem(key, index)),
                        own.isPresent() ? own : shared.labels(),
                        shared.sending().tracking(),
                        shared.sending().topic()));
    }

    // The batch's tags and metadata with the recipient's metadata laid over them.
    private static JsonObject merged(JsonObject body, BatchRequest.Recipient recipient) {
        JsonObjectBuilder metadata = CachedJson.createObjectBuilder();
        if (body.get("metadata") instanceof JsonObject shared) {
            shared.forEach(metadata::add);
        }
        recipient.metadata().orElseThrow().forEach(metadata::add);
        JsonObjectBuilder labels = CachedJson.createObjectBuilder().add("metadata", metadata);
        if (body.containsKey("tags")) {
            labels.add("tags", body.get("tags"));
        }
        return labels.build();
    }

    // A recipient committed by an earlier run was valid then, so it parses; answered as that run would have.
    private static String addressOf(jakarta.json.JsonValue entry, int index) {
        try {
            return BatchRequest.Recipient.parse(entry, index).to().getAddress();
        } catch (BatchRequest.InvalidRecipient e) {
            return toOf(entry);
        }
    }

    private static String toOf(jakarta.json.JsonValue entry) {
        return entry instanceof JsonObject object && object.get("to") instanceof jakarta.json.JsonString text
                ? text.getString()
                : "";
    }
}
