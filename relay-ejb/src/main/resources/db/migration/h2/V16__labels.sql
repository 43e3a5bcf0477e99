-- Tags and metadata of a message sent over the HTTP API (issue 10), as the caller gave them: a JSON object
-- {"tags": [...], "metadata": {...}} of at most 4,000 characters, returned with the message's story, every event of its
-- stream and every webhook. Written by the intake commit with the rest of the row; null for the others.
ALTER TABLE outpost_message ADD COLUMN labels VARCHAR(4000);
