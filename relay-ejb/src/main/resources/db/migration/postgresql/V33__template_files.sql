-- Files a template version carries (issue 12: attachments in the compose page): every message sent with the version has
-- them, before its request's own. Saved with the version and never changed; they go with their template's versions.
CREATE TABLE outpost_template_file (
    id BIGINT NOT NULL PRIMARY KEY,
    template_id BIGINT NOT NULL REFERENCES outpost_template (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file_name VARCHAR(255) NOT NULL,
    content_type VARCHAR(255) NOT NULL,
    content_id VARCHAR(255),
    content BYTEA NOT NULL,
    CONSTRAINT outpost_template_file_position UNIQUE (template_id, position)
);
CREATE SEQUENCE outpost_template_file_seq INCREMENT BY 10 START WITH 10;
