-- Open and click tracking per tenant and stream (issue 10): what is tracked in its messages that do not say, as
-- "opens,clicks,text" (any of them, or empty for nothing); null keeps the relay's default (bulk: opens and clicks,
-- transactional: nothing). A message may ask otherwise (tracking/TrackingOptions).
ALTER TABLE outpost_tenant ADD COLUMN tracking_bulk VARCHAR(32);
ALTER TABLE outpost_tenant ADD COLUMN tracking_transactional VARCHAR(32);
