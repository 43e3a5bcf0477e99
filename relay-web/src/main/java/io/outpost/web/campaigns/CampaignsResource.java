package io.outpost.web.campaigns;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.account.UserRole;
import io.outpost.relay.campaign.AudienceReach;
import io.outpost.relay.campaign.Campaign;
import io.outpost.relay.campaign.CampaignOverride;
import io.outpost.relay.campaign.CampaignRecipient;
import io.outpost.relay.campaign.CampaignState;
import io.outpost.relay.campaign.CampaignStore;
import io.outpost.relay.campaign.NewCampaign;
import io.outpost.relay.checks.CheckReport;
import io.outpost.relay.checks.CheckedMessage;
import io.outpost.relay.checks.PreSendChecks;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.StatsDimension;
import io.outpost.relay.queue.StatsRow;
import io.outpost.relay.sending.SigningProfiles;
import io.outpost.relay.template.CompiledTemplate;
import io.outpost.relay.template.RenderedMessage;
import io.outpost.relay.template.TemplateException;
import io.outpost.relay.template.TemplateStore;
import io.outpost.relay.template.TemplateVersion;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.topic.TenantTopics;
import io.outpost.web.checks.CheckReportJson;
import io.outpost.web.problem.Problem;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.Caller;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The calling tenant's campaigns under {@code /api/v1/campaigns}:
 *
 * <ul>
 *   <li>{@code POST} ({@link CampaignRequest}): renders the template with the first subscriber's data and runs the
 *       pre-send checks on it as bulk mail; a failing check without {@code override} is a 422 naming {@code override}
 *       with the failing checks; else 201 with the campaign, SCHEDULED or SENDING, the report and override kept.
 *   <li>{@code GET}: the campaigns, newest first; {@code GET /{id}}: one, with its recipients by outcome and its
 *       statistics per day.
 *   <li>{@code POST /{id}/pause}, {@code /resume}, {@code /cancel}: 200 with the campaign, or 409 when its state does
 *       not allow it. Pausing and cancelling stop further batches; messages already queued still go out.
 * </ul>
 *
 * Another tenant's campaign is a 404, as one that does not exist. Viewers read; senders and owners act.
 */
@Path("campaigns")
@RolesAllowed(Roles.TENANT)
@ApiAccess(UserRole.Access.SENDING)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    /** 422: a pre-send check failed and the request gave no written reason to send anyway. */
    static final String CHECKS_FAILED = "urn:outpost:problem:pre-send-checks-failed";

    @EJB
    private CampaignStore campaigns;

    @EJB
    private TemplateStore templates;

    @EJB
    private QueueStore queue;

    @Inject
    private PreSendChecks checks;

    @Inject
    private SigningProfiles domains;

    @Inject
    private TenantTopics topics;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        TenantId tenant = CallingTenant.of(security);
        Instant now = Instant.now();
        CampaignRequest asked = CampaignRequest.parse(
                body,
                now,
                topic -> topics.find(tenant, topic).isPresent(),
                domains.domainNames(tenant).orElse(List.of()));
        TemplateVersion template = template(tenant, asked);
        AudienceReach reach = reach(tenant, asked);
        CampaignRecipient first = firstSubscriber(reach, asked);
        RenderedMessage sample;
        try {
            sample = CompiledTemplate.of(template.content()).render(SubscriberData.of(first));
        } catch (TemplateException e) {
            throw ProblemException.invalid(List.of(new InvalidParam(
                    "template", "does not render for " + first.address() + ": " + e.part() + ": " + e.getMessage())));
        }
        CheckReport report = checks.run(new CheckedMessage(tenant, asked.from(), true, sample));
        if (report.blocksSending() && asked.overrideReason().isEmpty()) {
            return checksFailed(report);
        }
        String actor = Caller.actor(request, security);
        Campaign created = campaigns.create(new NewCampaign(
                tenant,
                asked.name(),
                template.name(),
                template.version(),
                asked.audience(),
                asked.segment(),
                asked.from(),
                asked.topic(),
                asked.sendAt(),
                reach.total(),
                CheckReportJson.results(report.results()).toString(),
                asked.overrideReason().map(reason -> new CampaignOverride(reason, actor, now)),
                actor,
                Caller.credential(request),
                request.getRemoteAddr()));
        return Response.created(URI.create("campaigns/" + created.id()))
                .entity(CampaignJson.of(created).build().toString())
                .build();
    }

    @GET
    public String list() {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        campaigns.list(CallingTenant.of(security)).forEach(campaign -> array.add(CampaignJson.of(campaign)));
        return CachedJson.createObjectBuilder().add("campaigns", array).build().toString();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) throws NoSuchEntryException {
        TenantId tenant = CallingTenant.of(security);
        Campaign campaign = campaigns.get(tenant, campaignId(id));
        return CampaignJson.detailed(campaign, campaigns.outcomes(tenant, campaign.id()), days(tenant, campaign))
                .build()
                .toString();
    }

    @POST
    @Path("{id}/pause")
    public String pause(@PathParam("id") String id) throws NoSuchEntryException, ConflictException {
        return act(id, CampaignState.Action.PAUSE);
    }

    @POST
    @Path("{id}/resume")
    public String resume(@PathParam("id") String id) throws NoSuchEntryException, ConflictException {
        return act(id, CampaignState.Action.RESUME);
    }

    @POST
    @Path("{id}/cancel")
    public String cancel(@PathParam("id") String id) throws NoSuchEntryException, ConflictException {
        return act(id, CampaignState.Action.CANCEL);
    }

    private String act(String id, CampaignState.Action action) throws NoSuchEntryException, ConflictException {
        return CampaignJson.of(campaigns.act(CallingTenant.of(security), campaignId(id), action))
                .build()
                .toString();
    }

    // The version asked for, or the newest, pinned for the whole campaign: a later save changes nothing it sends.
    private TemplateVersion template(TenantId tenant, CampaignRequest asked) {
        try {
            return templates.find(tenant, asked.template(), asked.version());
        } catch (NoSuchEntryException e) {
            throw ProblemException.invalid(
                    List.of(new InvalidParam(asked.version().isPresent() ? "version" : "template", e.getMessage())));
        }
    }

    private AudienceReach reach(TenantId tenant, CampaignRequest asked) {
        try {
            return campaigns.reach(tenant, asked.audience(), asked.segment());
        } catch (NoSuchEntryException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("audience", e.getMessage())));
        }
    }

    // Whose data the checks render the template with: the first subscriber the campaign would send to.
    private static CampaignRecipient firstSubscriber(AudienceReach reach, CampaignRequest asked) {
        return reach.first()
                .orElseThrow(() -> ProblemException.invalid(List.of(
                        asked.segment().isPresent()
                                ? new InvalidParam(
                                        "segment", "no confirmed subscriber of the audience is in the segment")
                                : new InvalidParam("audience", "has no confirmed subscribers"))));
    }

    private static Response checksFailed(CheckReport report) {
        List<String> failed = report.failures().stream()
                .map(failure -> failure.title().toLowerCase(Locale.ROOT))
                .toList();
        Problem problem = new Problem(
                CHECKS_FAILED,
                "Pre-send checks failed",
                422,
                "failed: " + String.join(", ", failed)
                        + ". Fix the template, or send anyway with override: {\"reason\": \"…\"}",
                List.of(new InvalidParam(
                        CampaignRequest.OVERRIDE,
                        "a written reason is required to send despite failing checks: " + String.join(", ", failed))));
        JsonObjectBuilder json = CachedJson.createObjectBuilder();
        problem.json(Map.of()).forEach(json::add);
        json.add("checks", CheckReportJson.results(report.failures()));
        return Response.status(422)
                .type(Problem.MEDIA_TYPE)
                .entity(json.build().toString())
                .build();
    }

    // The campaign's days in the statistics by its tag, from its creation (at most a year of them).
    private List<StatsRow> days(TenantId tenant, Campaign campaign) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate created = LocalDate.ofInstant(campaign.createdAt(), ZoneOffset.UTC);
        LocalDate from = created.isBefore(today.minusDays(365)) ? today.minusDays(365) : created;
        return queue.statsOf(tenant, from, today, StatsDimension.TAG, campaign.tag());
    }

    // An id that is no number names no campaign: the same 404 as another tenant's.
    private static long campaignId(String id) throws NoSuchEntryException {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NoSuchEntryException("no campaign " + id);
        }
    }
}
