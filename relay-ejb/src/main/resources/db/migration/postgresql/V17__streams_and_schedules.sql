-- Message streams (issue 10): each message is sent on the transactional or the bulk stream, chosen per message (the
-- HTTP field, the SMTP header X-Outpost-Stream), else by its API key's or SMTP credential's default, else by its
-- tenant's. Suppression, tracking and unsubscribe rules differ between them. Rows from before have no stream and
-- were sent as transactional mail.
ALTER TABLE outpost_message ADD COLUMN stream VARCHAR(16);
ALTER TABLE outpost_tenant ADD COLUMN default_stream VARCHAR(16) DEFAULT 'TRANSACTIONAL' NOT NULL;
ALTER TABLE outpost_smtp_credential ADD COLUMN default_stream VARCHAR(16);
ALTER TABLE outpost_api_key ADD COLUMN default_stream VARCHAR(16);
-- Scheduled sending (issue 10): a message sent with sendAt waits, its recipients QUEUED and unclaimed with their next
-- attempt at that time, and can be cancelled until then (its recipients then end CANCELLED). Its retry lifetime counts
-- from that time, not from its arrival.
ALTER TABLE outpost_message ADD COLUMN send_at TIMESTAMP;
