-- Message bytes are streamed into and out of outpost_message.content (queue/ContentColumn). H2 2.x reads LONGVARBINARY
-- (what EclipseLink generated for the column in V1) as BINARY VARYING: kept inside the row and read as one array, so a
-- 25 MiB message would sit whole on the heap at every load. A BLOB lives in H2's LOB store and streams both ways; H2
-- converts the rows already there.
ALTER TABLE outpost_message ALTER COLUMN content SET DATA TYPE BLOB;
