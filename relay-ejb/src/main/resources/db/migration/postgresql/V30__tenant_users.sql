-- People who sign in to the web UI for a tenant (issue 12): invited by an administrator or the tenant's owner, each
-- with a role (OWNER, SENDER, VIEWER). An address is a user of each tenant that invites it, apart: one tenant can
-- neither hold an address for another nor learn whom another invited, and signing in names the tenant. The password is
-- a PBKDF2 hash like every other secret's, null until the invitation is accepted; the invitation is kept as the SHA-256
-- of its token.
CREATE TABLE outpost_tenant_user (
    id BIGINT NOT NULL PRIMARY KEY,
    tenant_id VARCHAR(63) NOT NULL,
    email VARCHAR(320) NOT NULL,
    role VARCHAR(10) NOT NULL,
    password_hash VARCHAR(300),
    invitation_hash VARCHAR(64),
    invitation_expires_at TIMESTAMP,
    invited_by VARCHAR(255) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_sign_in_at TIMESTAMP,
    CONSTRAINT outpost_tenant_user_email UNIQUE (tenant_id, email)
);
CREATE INDEX outpost_tenant_user_invitation ON outpost_tenant_user (invitation_hash);
CREATE SEQUENCE outpost_tenant_user_seq INCREMENT BY 1 START WITH 1;

-- Signed-in sessions, kept as the SHA-256 of the cookie's token: a copy of the table signs nobody in. The CSRF token
-- is sent back on every request that changes something, beside the cookie.
CREATE TABLE outpost_ui_session (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    csrf_token VARCHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX outpost_ui_session_user ON outpost_ui_session (user_id);
