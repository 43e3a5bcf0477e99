package io.outpost.relay.template;

import io.outpost.api.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One version of a tenant's template, never changed once saved (V18__templates.sql). */
@Entity
@Table(name = "outpost_template")
@SequenceGenerator(name = "outpost_template_ids", sequenceName = "outpost_template_seq", allocationSize = 10)
public class StoredTemplate {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_template_ids")
    private long id;

    @Column(name = "tenant_id", length = 63, nullable = false, updatable = false)
    private TenantId tenantId;

    @Column(name = "name", length = 64, nullable = false, updatable = false)
    private String name;

    @Column(name = "version", nullable = false, updatable = false)
    private int version;

    @Column(name = "subject", length = 4000, nullable = false, updatable = false)
    private String subject;

    @Column(name = "text_body", length = TemplateContent.MAX_PART, updatable = false)
    private String text;

    @Column(name = "html_body", length = TemplateContent.MAX_PART, updatable = false)
    private String html;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected StoredTemplate() {}

    StoredTemplate(TenantId tenantId, TemplateName name, int version, TemplateContent content, Instant createdAt) {
        this.tenantId = tenantId;
        this.name = name.value();
        this.version = version;
        this.subject = content.subject();
        this.text = content.text().orElse(null);
        this.html = content.html().orElse(null);
        this.createdAt = createdAt;
    }

    long id() {
        return id;
    }

    TemplateVersion view() {
        return new TemplateVersion(
                new TemplateName(name),
                version,
                new TemplateContent(subject, Optional.ofNullable(text), Optional.ofNullable(html)),
                createdAt);
    }
}
