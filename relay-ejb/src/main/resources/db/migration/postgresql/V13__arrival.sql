-- How a message arrived, for the first chapter of its story (issue 9): who submitted it (the SMTP user name, the API
-- key id, or the trusted network it came from) and the TLS protocol and cipher suite of its connection. Written by the
-- intake commit with the rest of the row; no index. Null for messages queued before this version, for mail to local
-- domains and for plain connections.
ALTER TABLE outpost_message ADD COLUMN submitted_by VARCHAR(255);
ALTER TABLE outpost_message ADD COLUMN tls VARCHAR(255);
