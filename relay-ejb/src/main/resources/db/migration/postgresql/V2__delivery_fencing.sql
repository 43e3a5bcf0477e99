-- Each claim of a recipient writes a new token; an attempt records its outcome, or renews its lease, only while the
-- row still carries its token (QueuedRecipient, ClaimFence). NULL: not claimed, or its outcome already recorded.
ALTER TABLE outpost_recipient ADD COLUMN claim_token BIGINT;
