-- The embedded database's V6 keeps small message content in its row; PostgreSQL decides that itself (TOAST moves
-- values over about 2 KiB out of the row, uncompressed since V3). So that both databases share their version numbers,
-- this version only records that on the column.
COMMENT ON COLUMN outpost_message.content IS 'message octets as received and signed; small ones stay in the row (TOAST), larger ones are stored out of it uncompressed (V3)';
