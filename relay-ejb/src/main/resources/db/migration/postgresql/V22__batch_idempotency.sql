-- Idempotency keys on batches (issue 10). A batch's messages go to the queue in several group commits, so the claim
-- makes a row per recipient (outpost_idempotency_item, message_id NULL) and each message's own commit names its
-- message there: a crash half-way leaves exactly the committed ones named, and the retry that takes the claim over
-- sends only the others. When the batch has run, its whole answer (each recipient's id or error) is kept with the key
-- and given again to a retry.
ALTER TABLE outpost_idempotency ADD COLUMN batch_answer TEXT;

CREATE TABLE outpost_idempotency_item (
    tenant_id VARCHAR(63) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    item_index INTEGER NOT NULL,
    message_id BIGINT,
    PRIMARY KEY (tenant_id, idempotency_key, item_index),
    FOREIGN KEY (tenant_id, idempotency_key) REFERENCES outpost_idempotency (tenant_id, idempotency_key)
        ON DELETE CASCADE
);
