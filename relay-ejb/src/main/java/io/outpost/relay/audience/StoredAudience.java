package io.outpost.relay.audience;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** A row of {@code outpost_audience} (V26__audiences.sql); its consent texts are {@link StoredConsentText}s. */
@Entity
@Table(name = "outpost_audience")
@SequenceGenerator(name = "outpost_audience_ids", sequenceName = "outpost_audience_seq", allocationSize = 10)
class StoredAudience {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_audience_ids")
    private long id;

    @Column(name = "public_id", length = 40, nullable = false, updatable = false)
    private String publicId;

    @Column(name = "tenant_id", length = 63, nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "name", length = AudienceSettings.MAX_NAME, nullable = false)
    private String name;

    @Column(name = "from_address", length = 320, nullable = false)
    private String fromAddress;

    @Column(name = "subject", length = ConfirmationMessage.MAX_SUBJECT, nullable = false)
    private String subject;

    @Column(name = "text_body", length = ConfirmationMessage.MAX_TEXT, nullable = false)
    private String textBody;

    @Column(name = "html_body", length = ConfirmationMessage.MAX_HTML)
    private String htmlBody;

    @Column(name = "redirect_url", length = 2000)
    private String redirectUrl;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StoredAudience() {}

    StoredAudience(AudienceId publicId, TenantId tenant, AudienceSettings settings, Instant now) {
        this.publicId = publicId.value();
        this.tenantId = tenant.value();
        this.createdAt = now;
        set(settings, now);
    }

    final void set(AudienceSettings settings, Instant now) {
        ConfirmationMessage confirmation = settings.confirmation();
        this.name = settings.name();
        this.fromAddress = confirmation.from().toString();
        this.subject = confirmation.subject();
        this.textBody = confirmation.text();
        this.htmlBody = confirmation.html().orElse(null);
        this.redirectUrl = settings.redirect().map(URI::toString).orElse(null);
        this.updatedAt = now;
    }

    long id() {
        return id;
    }

    AudienceId publicId() {
        return new AudienceId(publicId);
    }

    Audience view(ConsentText consent) {
        AudienceSettings settings = new AudienceSettings(
                name,
                consent.wording(),
                new ConfirmationMessage(
                        EmailAddress.parse(fromAddress), subject, textBody, Optional.ofNullable(htmlBody)),
                Optional.ofNullable(redirectUrl).map(URI::create));
        return new Audience(publicId(), TenantId.of(tenantId), settings, consent, createdAt, updatedAt);
    }
}
