-- Message bytes are now streamed into and out of outpost_message.content (queue/ContentColumn) instead of being mapped
-- as one byte array; H2 keeps a BLOB in its LOB store and streams it both ways, so its schema needs no change. This
-- version exists to keep H2 and PostgreSQL on the same version numbers (PostgreSQL's V3 changes the column's storage).
SELECT 1;
