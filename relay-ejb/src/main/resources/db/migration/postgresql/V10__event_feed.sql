-- The event stream (issue 9): a tenant reads every event of its messages in one order, resuming after the last one it
-- saw. Each event gets its place in that order (feed_position) a little after the commit that recorded it, from a
-- transaction of its own (QueueCommits#publish, gathered by EventPublisher): so the stream costs the commits before a
-- 250 nothing, and those of outcomes only the event's tenant, read with its recipient (EventWriter). Positions are
-- handed out under the lock of the one row of outpost_event_feed_head, held until that transaction commits: so
-- positions become visible in their order, on any number of nodes, and a reader that resumes after position p can
-- never miss a smaller one committed later.
-- Null until published; events a crash left unpublished are published at the next start.
ALTER TABLE outpost_event ADD COLUMN tenant_id VARCHAR(63);
ALTER TABLE outpost_event ADD COLUMN feed_position BIGINT;

CREATE INDEX outpost_event_feed ON outpost_event (tenant_id, feed_position);

CREATE TABLE outpost_event_feed_head (
    id INT NOT NULL,
    last_position BIGINT NOT NULL,
    PRIMARY KEY (id)
);

INSERT INTO outpost_event_feed_head (id, last_position) VALUES (1, 0);
