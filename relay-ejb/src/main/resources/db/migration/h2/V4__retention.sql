-- Retention (RetentionSweeper): when a message's content was purged, and the indexes its sweeps and the queue stats
-- read instead of scanning whole tables.

-- Null while the content is kept; set when the retention sweep empties it.
ALTER TABLE outpost_message ADD COLUMN content_purged_at TIMESTAMP;

-- The content sweep walks messages still holding content, oldest first (content_purged_at IS NULL, received_at < ?);
-- the records sweep walks purged ones, oldest purge first (content_purged_at < ?). One index serves both.
CREATE INDEX outpost_message_retention ON outpost_message (content_purged_at, received_at);

-- The queue stats count final recipients of the last hour per state as a range of this index.
CREATE INDEX outpost_recipient_finished ON outpost_recipient (state, updated_at);
