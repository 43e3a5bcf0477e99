-- Unsubscribes per day, tag and sending domain (issue 12): the statistics count UNSUBSCRIBED events (a reader leaving
-- through a message's link or its one-click header) beside the rest, so the dashboard shows them without a scan of
-- the events. Rows counted before this migration have 0.
ALTER TABLE outpost_stats ADD COLUMN unsubscribed BIGINT DEFAULT 0 NOT NULL;
