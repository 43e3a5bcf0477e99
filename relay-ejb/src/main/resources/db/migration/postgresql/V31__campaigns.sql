-- Campaigns (issue 12): one template version sent to the confirmed subscribers of an audience, or of a segment of it
-- (one attribute = value), now or at send_at. A sender on each node claims a due campaign (claimed_by, claimed_until:
-- two nodes never send one campaign's batch at once) and submits its next batch of subscribers after cursor_id. The
-- batch's subscribers are pinned (batch_ids, batch_end) before any is submitted, under an idempotency key of the
-- campaign and cursor with a place per subscriber, so that a crash half-way neither loses nor doubles a recipient: the
-- run after it sends the same batch, and the queue's key tells which of them have their message already. The pre-send
-- check report is kept as it was shown (checks_json), with the written reason of whoever overrode a failing check.
CREATE TABLE outpost_campaign (
    id BIGINT NOT NULL PRIMARY KEY,
    tenant_id VARCHAR(63) NOT NULL,
    name VARCHAR(200) NOT NULL,
    template_name VARCHAR(64) NOT NULL,
    template_version INT NOT NULL,
    audience_id VARCHAR(40) NOT NULL,
    segment_attribute VARCHAR(64),
    segment_value VARCHAR(256),
    from_address VARCHAR(320) NOT NULL,
    topic VARCHAR(40),
    send_at TIMESTAMP NOT NULL,
    state VARCHAR(10) NOT NULL,
    total INT NOT NULL,
    submitted INT NOT NULL,
    refused INT NOT NULL,
    cursor_id BIGINT NOT NULL,
    batch_ids VARCHAR(20000),
    batch_end BIGINT,
    claimed_by VARCHAR(64),
    claimed_until TIMESTAMP,
    last_problem VARCHAR(1000),
    created_by VARCHAR(400) NOT NULL,
    submitted_as VARCHAR(400) NOT NULL,
    client_address VARCHAR(45) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    checks_json VARCHAR(100000) NOT NULL,
    override_reason VARCHAR(500),
    override_by VARCHAR(400),
    override_at TIMESTAMP
);
CREATE INDEX outpost_campaign_tenant ON outpost_campaign (tenant_id, id);
CREATE INDEX outpost_campaign_due ON outpost_campaign (state, send_at);
CREATE SEQUENCE outpost_campaign_seq INCREMENT BY 1 START WITH 1;

-- A campaign reads an audience's subscribers in id order after its cursor.
CREATE INDEX outpost_subscriber_audience_order ON outpost_subscriber (audience_id, id);

-- The messages a campaign queued, one row per subscriber's message, written after the batch's commit (and by the run
-- after a crash, for the messages the queue's key names): what its progress counts by recipient state and event.
CREATE TABLE outpost_campaign_message (
    campaign_id BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, message_id)
);
