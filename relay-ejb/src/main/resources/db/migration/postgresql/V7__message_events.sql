-- Every message's story (issue 9): one row per thing that happened to a message or one of its recipients, written in
-- the same transaction as what it records (QueueCommits), read in order by message, and deleted with the message's
-- records (QueueRetention). No foreign key: retention deletes a message's events in the same transaction as its rows.
CREATE TABLE outpost_event (
    id BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    recipient_id BIGINT,
    occurred_at TIMESTAMP NOT NULL,
    kind VARCHAR(20) NOT NULL,
    detail VARCHAR(2000) NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX outpost_event_message ON outpost_event (message_id, id);

CREATE SEQUENCE outpost_event_seq INCREMENT BY 500 START WITH 500;

-- Whose message it is: the tenant of the credential or API key that submitted it, for the tenant API's message
-- lookups (a tenant sees only its own); empty for mail to local domains and for Outpost's own DSNs.
ALTER TABLE outpost_message ADD COLUMN tenant_id VARCHAR(63);
