-- Suppression lists (issue 11). An entry names an address (folded to lower case) or a whole domain ('@' then its
-- A-label), in a scope: operator-wide (tenant_id ''), one tenant's (stream ''), or one tenant's stream. It keeps why
-- (reason), what caused it (the message, and the evidence: the remote reply, or the report that came back) and until
-- when it holds (expires_at, none = for good). '' rather than NULL for "every", so that the unique constraint holds one
-- entry per scope and target on both databases.
CREATE TABLE outpost_suppression (
    id BIGINT NOT NULL PRIMARY KEY,
    tenant_id VARCHAR(63) NOT NULL,
    stream VARCHAR(20) NOT NULL,
    target VARCHAR(320) NOT NULL,
    reason VARCHAR(20) NOT NULL,
    message_id BIGINT,
    evidence VARCHAR(8000),
    note VARCHAR(1000),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    CONSTRAINT outpost_suppression_entry UNIQUE (target, tenant_id, stream)
);
CREATE INDEX outpost_suppression_listing ON outpost_suppression (tenant_id, created_at, id);
CREATE SEQUENCE outpost_suppression_seq INCREMENT BY 10 START WITH 10;

-- Every change to a list, kept after the entry is gone: an entry added (and by what: a bounce, a complaint, an
-- unsubscribe, a person through the API) and one removed (undone, with who and why). List managers need to see a
-- wrong block and its reversal.
CREATE TABLE outpost_suppression_change (
    id BIGINT NOT NULL PRIMARY KEY,
    tenant_id VARCHAR(63) NOT NULL,
    stream VARCHAR(20) NOT NULL,
    target VARCHAR(320) NOT NULL,
    change_kind VARCHAR(10) NOT NULL,
    reason VARCHAR(20) NOT NULL,
    actor VARCHAR(255) NOT NULL,
    note VARCHAR(1000),
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX outpost_suppression_change_target ON outpost_suppression_change (tenant_id, target, occurred_at, id);
CREATE SEQUENCE outpost_suppression_change_seq INCREMENT BY 10 START WITH 10;
