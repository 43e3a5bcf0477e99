-- Keeps message content up to 8 KiB in its row instead of H2's LOB store (the default keeps only 256 octets in the
-- row). Stored as a LOB, each small message cost a temporary LOB, its copy and entries in three LOB maps, all rewritten
-- with the commit that answers its 250: docs/performance.md, "The commit path". Larger content still streams through
-- the LOB store. A persistent database setting: it applies whatever URL the database is opened with.
SET MAX_LENGTH_INPLACE_LOB 8192;
