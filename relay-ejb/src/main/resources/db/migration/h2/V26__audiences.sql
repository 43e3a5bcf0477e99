-- Audiences and double opt-in with proof of consent (issue 11). An audience is a tenant's list of subscribers: its
-- name, the confirmation message that carries the signed link (from one of the tenant's sending domains; its text holds
-- {{confirm_url}}) and where the subscriber goes once confirmed. public_id names it in the API and in its hosted form;
-- it is random, so one audience's form tells nothing of another's.
CREATE TABLE outpost_audience (
    id BIGINT NOT NULL PRIMARY KEY,
    public_id VARCHAR(40) NOT NULL,
    tenant_id VARCHAR(63) NOT NULL,
    name VARCHAR(200) NOT NULL,
    from_address VARCHAR(320) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    text_body VARCHAR(20000) NOT NULL,
    html_body VARCHAR(100000),
    redirect_url VARCHAR(2000),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT outpost_audience_public UNIQUE (public_id)
);
CREATE INDEX outpost_audience_tenant ON outpost_audience (tenant_id, id);
CREATE SEQUENCE outpost_audience_seq INCREMENT BY 10 START WITH 10;

-- Every consent text an audience has shown, never changed once written: a new text is a new version, and a proof
-- keeps pointing at the version its subscriber saw (GDPR Art. 7(1): the controller must be able to demonstrate
-- consent, which means showing what was agreed to).
CREATE TABLE outpost_consent_text (
    id BIGINT NOT NULL PRIMARY KEY,
    audience_id BIGINT NOT NULL,
    version INT NOT NULL,
    wording VARCHAR(4000) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT outpost_consent_text_version UNIQUE (audience_id, version)
);
CREATE SEQUENCE outpost_consent_text_seq INCREMENT BY 10 START WITH 10;

-- A subscriber of an audience (its address folded as the suppression lists fold it) and the proof of their consent:
-- when and from where it was asked (request_*; source api, form or import), which text they agreed to (one of the
-- audience's versions, or the text an API caller or an import stated), and when and from where it was confirmed
-- (confirmed_*). confirmation_sent_at is the last confirmation message queued: re-sending waits, and the mails asked
-- from one address per audience are counted by it.
CREATE TABLE outpost_subscriber (
    id BIGINT NOT NULL PRIMARY KEY,
    tenant_id VARCHAR(63) NOT NULL,
    audience_id BIGINT NOT NULL,
    address VARCHAR(320) NOT NULL,
    attributes VARCHAR(4000),
    state VARCHAR(12) NOT NULL,
    source VARCHAR(6) NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    request_ip VARCHAR(45),
    request_agent VARCHAR(300),
    consent_version INT,
    consent_text VARCHAR(4000),
    consent_origin VARCHAR(300),
    confirmation_sent_at TIMESTAMP,
    confirmation_message_id BIGINT,
    confirmed_at TIMESTAMP,
    confirm_ip VARCHAR(45),
    confirm_agent VARCHAR(300),
    unsubscribed_at TIMESTAMP,
    CONSTRAINT outpost_subscriber_address UNIQUE (audience_id, address)
);
CREATE INDEX outpost_subscriber_tenant_address ON outpost_subscriber (tenant_id, address);
CREATE INDEX outpost_subscriber_request_ip ON outpost_subscriber (audience_id, request_ip, confirmation_sent_at);
CREATE SEQUENCE outpost_subscriber_seq INCREMENT BY 10 START WITH 10;
