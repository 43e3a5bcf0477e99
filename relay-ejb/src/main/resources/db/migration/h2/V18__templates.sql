-- Message templates (issue 10): stored per tenant and versioned. Saving a template of an existing name adds the next
-- version; a message names a template and, optionally, a version (else the newest). Each part is a Mustache template
-- of at most 512 Ki characters (template/TemplateContent).
CREATE TABLE outpost_template (
    id BIGINT NOT NULL PRIMARY KEY,
    tenant_id VARCHAR(63) NOT NULL,
    name VARCHAR(64) NOT NULL,
    version INTEGER NOT NULL,
    subject VARCHAR(4000) NOT NULL,
    text_body VARCHAR(524288),
    html_body VARCHAR(524288),
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT outpost_template_version UNIQUE (tenant_id, name, version)
);
CREATE SEQUENCE outpost_template_seq INCREMENT BY 10 START WITH 10;
