package io.outpost.web.messages;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.queue.MessageLabels;
import io.outpost.relay.submission.HttpSubmission;
import io.outpost.relay.submission.HttpSubmissions;
import io.outpost.relay.submission.SubmissionResult;
import io.outpost.relay.template.CompiledTemplate;
import io.outpost.relay.template.RenderedMessage;
import io.outpost.relay.template.TemplateException;
import io.outpost.relay.template.TemplateStore;
import io.outpost.web.problem.Problem;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.CallerApiKey;
import io.outpost.web.security.Roles;
import io.outpost.web.templates.TemplatesResource;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
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
import jakarta.ws.rs.core.SecurityContext;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/messages/batch} ({@link BatchRequest}): one template, or the batch's own content, for up to
 * 1,000 recipients, each sent a message of their own rendered with their data, all through the same submission
 * pipeline as any message and committed together. 200 with each recipient's outcome, in the order given: the id of
 * its message, or its own error as a problem object (a bad address or missing variable: 400; refused by a policy:
 * the status a single message would have had). A 400 for what the whole batch shares stops it before anything is sent.
 */
@Path("messages/batch")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private static final MimeComposer COMPOSER = new MimeComposer();

    /** The attachments of a batch's messages together, encoded, at most: what its messages may hold in memory. */
    static final long MAX_ATTACHED_OCTETS = 256L * 1024 * 1024;

    @EJB
    private HttpSubmissions intake;

    @EJB
    private TemplateStore templates;

    @Inject
    private RelayConfiguration config;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    /** One recipient's message, ready to submit, or why there is none. */
    private sealed interface Prepared {}

    private record Ready(String to, HttpSubmission submission) implements Prepared {}

    private record Failed(String to, Problem problem) implements Prepared {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public String send(JsonObject body) throws UnknownHostException {
        TenantId tenant = CallingTenant.of(security);
        if (request.getHeader(IdempotencyKeys.HEADER) != null) {
            // A retried batch would need every recipient's answer kept; until then, say so rather than send twice.
            throw ProblemException.invalid(List.of(new InvalidParam(
                    IdempotencyKeys.HEADER, "is not supported on batches: retry only the recipients without an id")));
        }
        SendingRequest sending = SendingRequest.parse(body, Instant.now());
        Optional<MessageLabels> labels = LabelsRequest.parse(body);
        BatchRequest batch = BatchRequest.parse(body);
        long attached =
                batch.attachments().stream().mapToLong(a -> a.content().length).sum();
        if (attached * 4 / 3 * batch.recipients().size() > MAX_ATTACHED_OCTETS) {
            // Every recipient's message carries its own copy until it is committed: bounded, or one request could fill
            // the heap.
            throw new ProblemException(new Problem(
                    SubmissionProblems.TOO_LARGE,
                    "Batch too large",
                    413,
                    "the attachments of all the batch's messages together exceed " + MAX_ATTACHED_OCTETS
                            + " octets; send fewer recipients per batch",
                    List.of(new InvalidParam("recipients", "fewer recipients for attachments this large"))));
        }
        CompiledTemplate template = compile(batch, tenant);
        // The mechanism authenticated this very header, so it holds a well-formed key.
        String keyId = CallerApiKey.keyId(request.getHeader("Authorization")).orElseThrow();

        List<Prepared> prepared = new ArrayList<>(batch.recipients().size());
        for (int i = 0; i < batch.recipients().size(); i++) {
            prepared.add(prepare(batch, template, i, body, sending, tenant, keyId));
        }
        List<HttpSubmission> ready = prepared.stream()
                .filter(Ready.class::isInstance)
                .map(p -> ((Ready) p).submission())
                .toList();
        List<SubmissionResult> results = intake.submitAll(ready);

        JsonArrayBuilder answers = Json.createArrayBuilder();
        int next = 0;
        int accepted = 0;
        for (int i = 0; i < prepared.size(); i++) {
            JsonObjectBuilder answer = Json.createObjectBuilder().add("index", i);
            if (prepared.get(i) instanceof Ready one) {
                answer.add("to", one.to());
                SubmissionResult result = results.get(next++);
                if (result instanceof SubmissionResult.Queued queued) {
                    answer.add("id", Long.toString(queued.messageId()));
                    accepted++;
                } else {
                    answer.add("error", error(result));
                }
            } else {
                Failed failed = (Failed) prepared.get(i);
                answer.add("to", failed.to()).add("error", failed.problem().json(Map.of()));
            }
            answers.add(answer);
        }
        JsonObjectBuilder json =
                Json.createObjectBuilder().add("accepted", accepted).add("rejected", prepared.size() - accepted);
        sending.sendAt().ifPresent(at -> json.add("sendAt", at.toString()));
        return json.add("results", answers).build().toString();
    }

    private CompiledTemplate compile(BatchRequest batch, TenantId tenant) {
        if (batch.template().isPresent()) {
            return batch.template().get().compile(templates, tenant);
        }
        try {
            return CompiledTemplate.of(batch.inline().orElseThrow());
        } catch (TemplateException e) {
            throw TemplatesResource.invalid("", e);
        }
    }

    private Prepared prepare(
            BatchRequest batch,
            CompiledTemplate template,
            int index,
            JsonObject body,
            SendingRequest sending,
            TenantId tenant,
            String keyId)
            throws UnknownHostException {
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
            rendered = template.render(data);
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
        Composition message = new Composition(
                batch.from(),
                List.of(recipient.to()),
                List.of(),
                List.of(),
                batch.replyTo(),
                rendered.subject(),
                rendered.text(),
                rendered.html(),
                batch.headers(),
                batch.attachments());
        byte[] content = COMPOSER.compose(message);
        if (content.length > config.smtpMaxMessageSize()) {
            return new Failed(to, SubmissionProblems.tooLarge(content.length, config.smtpMaxMessageSize()));
        }
        return new Ready(
                to,
                new HttpSubmission(
                        tenant,
                        keyId,
                        CallerConnection.address(request),
                        CallerConnection.tls(request),
                        ReversePath.of(EmailAddress.parse(batch.from().getAddress())),
                        List.of(EmailAddress.parse(to)),
                        content,
                        sending.stream(),
                        sending.sendAt(),
                        Optional.empty(),
                        own.isPresent() ? own : LabelsRequest.parse(body),
                        sending.tracking()));
    }

    // The batch's tags and metadata with the recipient's metadata laid over them.
    private static JsonObject merged(JsonObject body, BatchRequest.Recipient recipient) {
        JsonObjectBuilder metadata = Json.createObjectBuilder();
        if (body.get("metadata") instanceof JsonObject shared) {
            shared.forEach(metadata::add);
        }
        recipient.metadata().orElseThrow().forEach(metadata::add);
        JsonObjectBuilder labels = Json.createObjectBuilder().add("metadata", metadata);
        if (body.containsKey("tags")) {
            labels.add("tags", body.get("tags"));
        }
        return labels.build();
    }

    private static String toOf(jakarta.json.JsonValue entry) {
        return entry instanceof JsonObject object && object.get("to") instanceof jakarta.json.JsonString text
                ? text.getString()
                : "";
    }

    private static JsonObject error(SubmissionResult result) {
        if (result instanceof SubmissionResult.RecipientRefused refused) {
            return SubmissionProblems.recipientRefused(refused.recipient(), refused.reply())
                    .json(SubmissionProblems.members(Optional.of(refused.refusedBy()), refused.recordId()));
        }
        SubmissionResult.Refused refused = (SubmissionResult.Refused) result;
        return SubmissionProblems.of(refused.reply(), refused.refusedBy())
                .json(SubmissionProblems.members(refused.refusedBy(), refused.recordId()));
    }
}
