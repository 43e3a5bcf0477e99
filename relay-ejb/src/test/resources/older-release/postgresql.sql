-- A database as the last release without migrations left it: its schema exactly as EclipseLink 4.0.9 created it on
-- PostgreSQL (create-or-extend-tables, statements captured with output-mode=both; a sequence's second, failed CREATE left
-- out), then mail in every state that release could leave behind. Ids 1-500 were handed out by the sequences.
CREATE TABLE outpost_message (ID BIGINT NOT NULL, authentication VARCHAR(1000), client_address VARCHAR(64), content BYTEA NOT NULL, received_at TIMESTAMP NOT NULL, return_path_domain VARCHAR(255), envelope_sender VARCHAR(256) NOT NULL, size_octets BIGINT NOT NULL, smtp_utf8 BOOLEAN NOT NULL, PRIMARY KEY (ID));
CREATE TABLE outpost_recipient (ID BIGINT NOT NULL, address VARCHAR(256) NOT NULL, attempts INTEGER NOT NULL, claimed_by VARCHAR(64), last_reply VARCHAR(1000), next_attempt_at TIMESTAMP, state VARCHAR(16) NOT NULL, updated_at TIMESTAMP NOT NULL, message_id BIGINT NOT NULL, PRIMARY KEY (ID));
CREATE INDEX outpost_recipient_due ON outpost_recipient (next_attempt_at);
CREATE INDEX outpost_recipient_message ON outpost_recipient (message_id);
CREATE INDEX outpost_recipient_claim ON outpost_recipient (claimed_by);
CREATE TABLE outpost_tenant (ID BIGINT NOT NULL, created_at TIMESTAMP NOT NULL, display_name VARCHAR(200) NOT NULL, tenant_id VARCHAR(63) NOT NULL UNIQUE, PRIMARY KEY (ID));
CREATE TABLE outpost_smtp_credential (ID BIGINT NOT NULL, created_at TIMESTAMP NOT NULL, last_used_at TIMESTAMP, max_messages_per_hour INTEGER, max_recipients_per_message INTEGER, password_hash VARCHAR(512) NOT NULL, revoked BOOLEAN NOT NULL, revoked_at TIMESTAMP, username VARCHAR(255) NOT NULL UNIQUE, tenant BIGINT NOT NULL, PRIMARY KEY (ID));
CREATE TABLE outpost_api_key (ID BIGINT NOT NULL, created_at TIMESTAMP NOT NULL, key_id VARCHAR(64) NOT NULL UNIQUE, last_used_at TIMESTAMP, max_messages_per_hour INTEGER, max_recipients_per_message INTEGER, revoked BOOLEAN NOT NULL, revoked_at TIMESTAMP, secret_hash VARCHAR(512) NOT NULL, tenant BIGINT NOT NULL, PRIMARY KEY (ID));
CREATE TABLE outpost_admin_account (username VARCHAR(255) NOT NULL, created_at TIMESTAMP NOT NULL, password_hash VARCHAR(512) NOT NULL, PRIMARY KEY (username));
CREATE TABLE outpost_sending_domain (ID BIGINT NOT NULL, checked_at TIMESTAMP, created_at TIMESTAMP NOT NULL, dmarc_adkim VARCHAR(10), dmarc_aspf VARCHAR(10), domain VARCHAR(255) NOT NULL UNIQUE, return_path_domain VARCHAR(255) NOT NULL, tenant BIGINT NOT NULL, PRIMARY KEY (ID));
CREATE TABLE outpost_dkim_selector (ID BIGINT NOT NULL, activated_at TIMESTAMP, algorithm VARCHAR(20) NOT NULL, created_at TIMESTAMP NOT NULL, public_record VARCHAR(1000) NOT NULL, retire_at TIMESTAMP, sealed_private_key VARCHAR(4000), selector VARCHAR(63) NOT NULL, state VARCHAR(10) NOT NULL, sending_domain BIGINT NOT NULL, PRIMARY KEY (ID));
CREATE TABLE outpost_domain_check (ID BIGINT NOT NULL, checked_at TIMESTAMP NOT NULL, detail VARCHAR(2000) NOT NULL, expected VARCHAR(2000) NOT NULL, found VARCHAR(2000), kind VARCHAR(20) NOT NULL, name VARCHAR(300) NOT NULL, status VARCHAR(10) NOT NULL, status_since TIMESTAMP NOT NULL, sending_domain BIGINT NOT NULL, PRIMARY KEY (ID));
CREATE TABLE outpost_domain_event (ID BIGINT NOT NULL, occurred_at TIMESTAMP NOT NULL, detail VARCHAR(2000) NOT NULL, domain VARCHAR(255) NOT NULL, kind VARCHAR(20) NOT NULL, previous_status VARCHAR(10), status VARCHAR(10), subject VARCHAR(300) NOT NULL, tenant_id VARCHAR(63) NOT NULL, PRIMARY KEY (ID));
CREATE INDEX outpost_domain_event_by_domain ON outpost_domain_event (domain, occurred_at);
ALTER TABLE outpost_dkim_selector ADD CONSTRAINT UNQ_outpost_dkim_selector_0 UNIQUE (sending_domain, selector);
ALTER TABLE outpost_domain_check ADD CONSTRAINT UNQ_outpost_domain_check_0 UNIQUE (sending_domain, kind, name);
ALTER TABLE outpost_recipient ADD CONSTRAINT FK_outpost_recipient_message_id FOREIGN KEY (message_id) REFERENCES outpost_message (ID);
ALTER TABLE outpost_smtp_credential ADD CONSTRAINT FK_outpost_smtp_credential_tenant FOREIGN KEY (tenant) REFERENCES outpost_tenant (ID);
ALTER TABLE outpost_api_key ADD CONSTRAINT FK_outpost_api_key_tenant FOREIGN KEY (tenant) REFERENCES outpost_tenant (ID);
ALTER TABLE outpost_sending_domain ADD CONSTRAINT FK_outpost_sending_domain_tenant FOREIGN KEY (tenant) REFERENCES outpost_tenant (ID);
ALTER TABLE outpost_dkim_selector ADD CONSTRAINT FK_outpost_dkim_selector_sending_domain FOREIGN KEY (sending_domain) REFERENCES outpost_sending_domain (ID);
ALTER TABLE outpost_domain_check ADD CONSTRAINT FK_outpost_domain_check_sending_domain FOREIGN KEY (sending_domain) REFERENCES outpost_sending_domain (ID);
CREATE SEQUENCE outpost_dkim_selector_seq INCREMENT BY 10 START WITH 10;
CREATE SEQUENCE outpost_api_key_seq INCREMENT BY 10 START WITH 10;
CREATE SEQUENCE outpost_credential_seq INCREMENT BY 10 START WITH 10;
CREATE SEQUENCE outpost_domain_event_seq INCREMENT BY 20 START WITH 20;
CREATE SEQUENCE outpost_sending_domain_seq INCREMENT BY 10 START WITH 10;
CREATE SEQUENCE outpost_message_seq INCREMENT BY 500 START WITH 500;
CREATE SEQUENCE outpost_tenant_seq INCREMENT BY 10 START WITH 10;
CREATE SEQUENCE outpost_domain_check_seq INCREMENT BY 20 START WITH 20;
CREATE SEQUENCE outpost_recipient_seq INCREMENT BY 500 START WITH 500;

SELECT nextval('outpost_message_seq');
SELECT nextval('outpost_recipient_seq');
INSERT INTO outpost_message (ID, authentication, client_address, content, received_at, return_path_domain, envelope_sender, size_octets, smtp_utf8) VALUES (1, 'not signed', '192.0.2.1', '\x52656365697665643a2066726f6d20636c69656e742e6578616d706c652e746573740d0a5375626a6563743a20717565756564206265666f72652074686520757067726164650d0a0d0a48656c6c6f2e0d0a'::bytea, '2026-01-01 00:00:00', NULL, 'sender@example.test', 82, FALSE);
INSERT INTO outpost_message (ID, authentication, client_address, content, received_at, return_path_domain, envelope_sender, size_octets, smtp_utf8) VALUES (2, 'not signed', '192.0.2.1', '\x52656365697665643a2066726f6d20636c69656e742e6578616d706c652e746573740d0a5375626a6563743a20717565756564206265666f72652074686520757067726164650d0a0d0a48656c6c6f2e0d0a'::bytea, '2026-01-01 00:00:00', NULL, '', 82, FALSE);
INSERT INTO outpost_recipient (ID, address, attempts, claimed_by, last_reply, next_attempt_at, state, updated_at, message_id) VALUES (1, 'queued@example.test', 0, NULL, NULL, '2026-01-01 00:00:00', 'QUEUED', '2026-01-01 00:00:00', 1);
INSERT INTO outpost_recipient (ID, address, attempts, claimed_by, last_reply, next_attempt_at, state, updated_at, message_id) VALUES (2, 'deferred@example.test', 2, NULL, '451 4.7.1 try again later', '2026-01-01 01:00:00', 'DEFERRED', '2026-01-01 00:30:00', 1);
INSERT INTO outpost_recipient (ID, address, attempts, claimed_by, last_reply, next_attempt_at, state, updated_at, message_id) VALUES (3, 'delivered@example.test', 1, NULL, '250 2.0.0 queued as 1', NULL, 'DELIVERED', '2026-01-01 00:00:01', 1);
INSERT INTO outpost_recipient (ID, address, attempts, claimed_by, last_reply, next_attempt_at, state, updated_at, message_id) VALUES (4, 'leased@example.test', 0, 'old-node', NULL, '2026-01-01 00:10:00', 'QUEUED', '2026-01-01 00:00:00', 2);
