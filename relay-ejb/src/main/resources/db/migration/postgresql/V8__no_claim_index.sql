-- The index on claimed_by served one statement, run once at start-up (QueueStore.releaseClaimsOfThisNode), yet every
-- commit of new mail and of every outcome paid for it; on the embedded database each index is one more page rewritten
-- in the commit before the 250 (docs/performance.md). That statement now reads the pending recipients through the
-- index on next_attempt_at instead.
DROP INDEX outpost_recipient_claim;
