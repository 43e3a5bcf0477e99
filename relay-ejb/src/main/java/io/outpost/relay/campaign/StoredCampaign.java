package io.outpost.relay.campaign;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.audience.AudienceId;
import io.outpost.relay.template.TemplateName;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code outpost_campaign} (V31__campaigns.sql). Created and read through JPA; the sender's claims, batches
 * and a user's pause, resume and cancel are conditional updates in {@link CampaignStore}, so that two nodes or two
 * requests never both win.
 */
@Entity
@Table(name = "outpost_campaign")
@SequenceGenerator(name = "outpost_campaign_ids", sequenceName = "outpost_campaign_seq", allocationSize = 1)
class StoredCampaign {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_campaign_ids")
    private long id;

    @Column(name = "tenant_id", length = 63, nullable = false, updatable = false)
    private TenantId tenantId;

    @Column(name = "name", length = NewCampaign.MAX_NAME, nullable = false, updatable = false)
    private String name;

    @Column(name = "template_name", length = 64, nullable = false, updatable = false)
    private String templateName;

    @Column(name = "template_version", nullable = false, updatable = false)
    private int templateVersion;

    @Column(name = "audience_id", length = 40, nullable = false, updatable = false)
    private String audienceId;

    @Column(name = "segment_attribute", length = Segment.MAX_ATTRIBUTE, updatable = false)
    private String segmentAttribute;

    @Column(name = "segment_value", length = Segment.MAX_VALUE, updatable = false)
    private String segmentValue;

    @Column(name = "from_address", length = 320, nullable = false, updatable = false)
    private String fromAddress;

    @Column(name = "topic", length = Topic.MAX_LENGTH, updatable = false)
    private String topic;

    @Column(name = "send_at", nullable = false, updatable = false)
    private Instant sendAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 10, nullable = false)
    private CampaignState state;

    @Column(name = "total", nullable = false, updatable = false)
    private int total;

    @Column(name = "submitted", nullable = false)
    private int submitted;

    @Column(name = "refused", nullable = false)
    private int refused;

    @Column(name = "cursor_id", nullable = false)
    private long cursorId;

    @Column(name = "last_problem", length = 1000)
    private String lastProblem;

    @Column(name = "created_by", length = 400, nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "submitted_as", length = 400, nullable = false, updatable = false)
    private String submittedAs;

    @Column(name = "client_address", length = 45, nullable = false, updatable = false)
    private String clientAddress;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "checks_json", length = 100_000, nullable = false, updatable = false)
    private String checksJson;

    @Column(name = "override_reason", length = CampaignOverride.MAX_REASON, updatable = false)
    private String overrideReason;

    @Column(name = "override_by", length = 400, updatable = false)
    private String overrideBy;

    @Column(name = "override_at", updatable = false)
    private Instant overrideAt;

    protected StoredCampaign() {}

    StoredCampaign(NewCampaign campaign, CampaignState state, Instant now) {
        this.tenantId = campaign.tenant();
        this.name = campaign.name();
        this.templateName = campaign.template().value();
        this.templateVersion = campaign.templateVersion();
        this.audienceId = campaign.audience().value();
        this.segmentAttribute = campaign.segment().map(Segment::attribute).orElse(null);
        this.segmentValue = campaign.segment().map(Segment::value).orElse(null);
        this.fromAddress = campaign.from().toString();
        this.topic = campaign.topic().map(Topic::name).orElse(null);
        this.sendAt = campaign.sendAt();
        this.state = state;
        this.total = campaign.total();
        this.createdBy = campaign.createdBy();
        this.submittedAs = campaign.submittedAs();
        this.clientAddress = campaign.clientAddress();
        this.createdAt = now;
        this.checksJson = campaign.checksJson();
        this.overrideReason = campaign.override().map(CampaignOverride::reason).orElse(null);
        this.overrideBy = campaign.override().map(CampaignOverride::by).orElse(null);
        this.overrideAt = campaign.override().map(CampaignOverride::at).orElse(null);
    }

    long id() {
        return id;
    }

    String submittedAs() {
        return submittedAs;
    }

    String clientAddress() {
        return clientAddress;
    }

    long cursorId() {
        return cursorId;
    }

    Campaign view() {
        return new Campaign(
                id,
                tenantId,
                name,
                new TemplateName(templateName),
                templateVersion,
                new AudienceId(audienceId),
                Optional.ofNullable(segmentAttribute).map(attribute -> new Segment(attribute, segmentValue)),
                EmailAddress.parse(fromAddress),
                Optional.ofNullable(topic).map(Topic::new),
                sendAt,
                state,
                total,
                submitted,
                refused,
                Optional.ofNullable(lastProblem),
                createdBy,
                createdAt,
                Optional.ofNullable(finishedAt),
                checksJson,
                Optional.ofNullable(overrideReason)
                        .map(reason -> new CampaignOverride(reason, overrideBy, overrideAt)));
    }
}
