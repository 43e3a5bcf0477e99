-- Complaint and hard-bounce rates per sending domain (issue 11). The statistics count complaints (COMPLAINED events)
-- and hard bounces (BOUNCED events of class hard) beside the bounces they already count, so a domain's rates over the
-- last days come from its daily rows, never from a scan of the events.
ALTER TABLE outpost_stats ADD COLUMN complained BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE outpost_stats ADD COLUMN bounced_hard BIGINT DEFAULT 0 NOT NULL;

-- A sending domain whose bulk mail is paused because its complaint or hard-bounce rate went past its threshold: bulk
-- mail from it waits in the queue until an administrator resumes it. A resumed pause keeps its row (resumed_at set), so
-- the rates of the days before the resume do not pause the domain again at once.
CREATE TABLE outpost_bulk_pause (
    tenant_id VARCHAR(63) NOT NULL,
    domain VARCHAR(255) NOT NULL,
    reason VARCHAR(1000) NOT NULL,
    paused_at TIMESTAMP NOT NULL,
    resumed_at TIMESTAMP,
    resumed_by VARCHAR(255),
    PRIMARY KEY (tenant_id, domain)
);
