-- Events of a tenant's lists rather than of one message (issue 11): an address or domain put on or taken off a
-- suppression list, a sending domain's bulk mail paused or resumed. They go into the tenant's event stream and its
-- webhooks beside the messages' events. One caused by a message (a hard bounce, a complaint, an unsubscribe) names it;
-- one made through the API names none. The target is the address or domain the event is about.
ALTER TABLE outpost_event ALTER COLUMN message_id DROP NOT NULL;
ALTER TABLE outpost_event ADD COLUMN target VARCHAR(320);
