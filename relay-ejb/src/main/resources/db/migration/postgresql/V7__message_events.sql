-- Every message's story (issue 9): a row per delivery outcome or DSN of a message (its arrival and commit are told by
-- the message row itself), written in the same transaction as what it records (QueueCommits), read in time order by
-- message, and deleted with the message's records (QueueRetention), in the same transaction as its rows, hence no
-- foreign key. Ids come in blocks per node, so only the time orders events written by several nodes.
CREATE TABLE outpost_event (
    id BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    recipient_id BIGINT,
    occurred_at TIMESTAMP NOT NULL,
    kind VARCHAR(20) NOT NULL,
    detail VARCHAR(2000) NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX outpost_event_message ON outpost_event (message_id, occurred_at, id);

CREATE SEQUENCE outpost_event_seq INCREMENT BY 500 START WITH 500;

-- Whose message it is: the tenant of the credential or API key that submitted it, for the tenant API's message
-- lookups (a tenant sees only its own); empty for mail to local domains, from a trusted network without a tenant, for
-- Outpost's own DSNs, and for messages queued before this version.
ALTER TABLE outpost_message ADD COLUMN tenant_id VARCHAR(63);
