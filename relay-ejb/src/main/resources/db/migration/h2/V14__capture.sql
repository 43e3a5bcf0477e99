-- Sandbox (capture) mode per tenant (issue 10): a tenant whose messages are accepted, signed and stored exactly as they
-- would leave, and never delivered. Read by the delivery through a cache of a few seconds (tenant/Sandbox).
ALTER TABLE outpost_tenant ADD COLUMN capture BOOLEAN DEFAULT FALSE NOT NULL;
