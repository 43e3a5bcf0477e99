package io.outpost.relay.campaign;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.audience.AudienceId;
import io.outpost.relay.template.TemplateName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign as its creator asked for it, checked: the template version is pinned, the audience is the tenant's.
 *
 * @param sendAt when it goes out; now or earlier for at once
 * @param total the confirmed subscribers (of the segment) it reaches as it is created
 * @param checksJson the pre-send check report it was created with, as the API shows it
 * @param createdBy who created it, as changes are recorded
 * @param submittedAs the credential its messages are submitted and limited as: the API key, or {@code user:<address>}
 * @param clientAddress where the request that created it came from, as its messages' stories tell
 */
public record NewCampaign(
        TenantId tenant,
        String name,
        TemplateName template,
        int templateVersion,
        AudienceId audience,
        Optional<Segment> segment,
        EmailAddress from,
        Optional<Topic> topic,
        Instant sendAt,
        int total,
        String checksJson,
        Optional<CampaignOverride> override,
        String createdBy,
        String submittedAs,
        String clientAddress) {

    public static final int MAX_NAME = 200;

    public NewCampaign {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(sendAt, "sendAt");
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a campaign's name has 1 to " + MAX_NAME + " characters");
        }
    }
}
