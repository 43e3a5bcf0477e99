-- Whether a tenant's recipients on its suppression lists are refused at RCPT (550 5.7.1 with the reason) rather than
-- accepted and recorded as SUPPRESSED before delivery (issue 11). Accepting is the default: a client that is refused
-- learns who is on the list.
ALTER TABLE outpost_tenant ADD COLUMN refuse_suppressed_at_rcpt BOOLEAN DEFAULT FALSE NOT NULL;
