package io.outpost.relay.campaign;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.audience.AudienceId;
import io.outpost.relay.template.TemplateName;
import java.time.Instant;
import java.util.Optional;

/**
 * A campaign as the API shows it.
 *
 * @param total the confirmed subscribers (of the segment) it reached when created
 * @param submitted the messages it has queued
 * @param refused the subscribers it could not queue a message for (a policy refused it, their data does not render)
 * @param lastProblem why the sender waits, when it does (a sending limit, the queue could not take a batch)
 */
public record Campaign(
        long id,
        TenantId tenant,
        String name,
        TemplateName template,
        int templateVersion,
        AudienceId audience,
        Optional<Segment> segment,
        EmailAddress from,
        Optional<Topic> topic,
        Instant sendAt,
        CampaignState state,
        int total,
        int submitted,
        int refused,
        Optional<String> lastProblem,
        String createdBy,
        Instant createdAt,
        Optional<Instant> finishedAt,
        String checksJson,
        Optional<CampaignOverride> override) {

    /** The tag each of its messages carries: statistics by tag break down per campaign. */
    public String tag() {
        return tagOf(id);
    }

    public static String tagOf(long id) {
        return "campaign-" + id;
    }
}
