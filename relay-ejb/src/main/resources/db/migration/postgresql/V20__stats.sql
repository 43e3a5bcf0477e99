-- Statistics per tenant and day (issue 10), kept as events are published (queue/StatsCounters), never computed by
-- scanning the event table: one row per day for all of a tenant's mail (dimension 'all', value ''), one per tag
-- ('tag') and one per sending domain ('domain', the envelope sender's domain). "sent" counts recipients queued; the
-- others count events, opens and clicks apart for people and machines. Days are UTC.
CREATE TABLE outpost_stats (
    tenant_id VARCHAR(63) NOT NULL,
    stat_day DATE NOT NULL,
    dimension VARCHAR(8) NOT NULL,
    dimension_value VARCHAR(255) NOT NULL,
    sent BIGINT DEFAULT 0 NOT NULL,
    delivered BIGINT DEFAULT 0 NOT NULL,
    deferred BIGINT DEFAULT 0 NOT NULL,
    bounced BIGINT DEFAULT 0 NOT NULL,
    opened_human BIGINT DEFAULT 0 NOT NULL,
    opened_machine BIGINT DEFAULT 0 NOT NULL,
    clicked_human BIGINT DEFAULT 0 NOT NULL,
    clicked_machine BIGINT DEFAULT 0 NOT NULL,
    PRIMARY KEY (tenant_id, dimension, dimension_value, stat_day)
);
