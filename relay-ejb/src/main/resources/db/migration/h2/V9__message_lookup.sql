-- Finding messages (issue 9): a tenant lists its messages newest first, a page at a time, and finds one by the
-- Message-ID its own software gave it. The Message-ID is kept as the msg-id without its angle brackets (RFC 5322
-- §3.6.4); null for a message without one and for messages queued before this version.
ALTER TABLE outpost_message ADD COLUMN header_message_id VARCHAR(998);

-- The indexes of those look-ups live on a table of their own, filled a little after the commit of each message rather
-- than in it (EventPublisher): every index written by the commit before the 250 costs one session on the embedded
-- database about 5 % of its rate (docs/performance.md). A message whose row here was lost to a crash is indexed again
-- at the next start (QueueCommits#publishUnpublished). Rows are deleted with the message's records (QueueRetention).
CREATE TABLE outpost_message_lookup (
    message_id BIGINT NOT NULL,
    tenant_id VARCHAR(63),
    received_at TIMESTAMP NOT NULL,
    header_message_id VARCHAR(998),
    PRIMARY KEY (message_id)
);

-- The listing reads a tenant's messages by time, newest first, and resumes after the last one a page gave (keyset
-- pagination: no OFFSET, so page 1,000 costs what page 1 does).
CREATE INDEX outpost_message_lookup_by_tenant ON outpost_message_lookup (tenant_id, received_at, message_id);

-- No index of Message-IDs on the embedded database, unlike PostgreSQL: its keys are random, so each batch of look-up
-- rows dirtied a leaf page per message, and H2 writes every dirty page again in a new chunk; that cost one session
-- about 5 % of its rate (docs/performance.md). A look-up by Message-ID walks the tenant's rows by time instead, or all
-- rows for an operator's look-up across tenants: about 25 ms per 100,000 messages kept (measured warm).

-- The messages queued before this version, so that they are listed too.
INSERT INTO outpost_message_lookup (message_id, tenant_id, received_at)
    SELECT id, tenant_id, received_at FROM outpost_message;
