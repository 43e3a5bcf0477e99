-- Idempotency keys of the HTTP API (issue 10): a request retried with the same Idempotency-Key returns the first
-- answer and creates nothing new. A request claims its key first, in a transaction of its own (message_id NULL while
-- it runs); the message's own group commit then names the message, so a crash can never leave a message without its
-- key. A claim whose request failed is deleted; one left by a crash is taken over after a few minutes. Rows are deleted
-- after outpost.http.idempotency-window (24 h) by the retention sweep, oldest first.
CREATE TABLE outpost_idempotency (
    tenant_id VARCHAR(63) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_sha256 VARCHAR(64) NOT NULL,
    message_id BIGINT,
    recipients INTEGER,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE INDEX outpost_idempotency_created ON outpost_idempotency (created_at);
