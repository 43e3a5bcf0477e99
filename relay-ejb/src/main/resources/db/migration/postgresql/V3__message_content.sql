-- Message bytes are streamed in and read back in slices of 256 KiB (queue/ContentColumn): with EXTERNAL storage the
-- bytea is kept out of line but uncompressed, so substring() fetches only the TOAST chunks of its slice instead of
-- decompressing the value from its start for every slice. Mail is mostly base64 and compresses poorly anyway.
-- Applies to rows written from now on; older rows stay readable as they are.
ALTER TABLE outpost_message ALTER COLUMN content SET STORAGE EXTERNAL;
