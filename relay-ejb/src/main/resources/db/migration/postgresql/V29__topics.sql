-- Topics of a tenant's bulk mail, a preference centre's choices (issue 11): a message names one (outpost_message.topic),
-- and a recipient who leaves it is put on the tenant's list for that topic alone: its stream key is 'bulk:' and the
-- topic's name, which needs more than the 20 characters a stream did.
CREATE TABLE outpost_topic (
    tenant_id VARCHAR(63) NOT NULL,
    name VARCHAR(40) NOT NULL,
    title VARCHAR(200) NOT NULL,
    description VARCHAR(1000),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

ALTER TABLE outpost_message ADD COLUMN topic VARCHAR(40);
ALTER TABLE outpost_suppression ALTER COLUMN stream TYPE VARCHAR(60);
ALTER TABLE outpost_suppression_change ALTER COLUMN stream TYPE VARCHAR(60);
