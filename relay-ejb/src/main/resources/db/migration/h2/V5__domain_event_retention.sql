-- Retention (RetentionSweeper) deletes a sending domain's events older than outpost.retention.records, oldest first,
-- in bounded batches: this index gives the sweep its range instead of a scan of every event.
CREATE INDEX outpost_domain_event_time ON outpost_domain_event (occurred_at);
