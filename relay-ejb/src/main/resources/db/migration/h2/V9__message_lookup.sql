-- Finding messages (issue 9): a tenant lists its messages newest first, a page at a time, and finds one by the
-- Message-ID its own software gave it. The Message-ID is kept as the msg-id without its angle brackets (RFC 5322
-- §3.6.4); null for a message without one and for messages queued before this version.
ALTER TABLE outpost_message ADD COLUMN header_message_id VARCHAR(998);

-- The listing reads a tenant's messages by time, newest first, and resumes after the last one a page gave (keyset
-- pagination: no OFFSET, so page 1,000 costs what page 1 does).
CREATE INDEX outpost_message_by_tenant ON outpost_message (tenant_id, received_at, id);

CREATE INDEX outpost_message_by_header_id ON outpost_message (header_message_id);
