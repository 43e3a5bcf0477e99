-- Soft bounces counted per tenant and address (issue 11): a full mailbox or a recipient that kept failing until its
-- queue lifetime ran out. Past outpost.bounces.soft-limit of them, none more than outpost.bounces.soft-window after the
-- one before, the address goes on the tenant's list (reason soft_bounce) for outpost.bounces.soft-suppress-for, and
-- its row goes. A row whose last bounce is older than the window counts from one again.
CREATE TABLE outpost_soft_bounce (
    tenant_id VARCHAR(63) NOT NULL,
    target VARCHAR(320) NOT NULL,
    bounces INT NOT NULL,
    first_at TIMESTAMP NOT NULL,
    last_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, target)
);

CREATE INDEX outpost_soft_bounce_last ON outpost_soft_bounce (last_at);
