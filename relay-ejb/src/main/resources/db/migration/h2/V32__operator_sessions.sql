-- The operator's sessions in the web UI (issue 12): an administrator of the admin API signs in with the same account
-- (outpost_admin_account), and the session is kept, as a tenant user's is, as the SHA-256 of the cookie's token: a copy of the
-- table signs nobody in. The CSRF token is sent back on every request that changes something, beside the cookie.
CREATE TABLE outpost_operator_session (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    admin_user VARCHAR(255) NOT NULL,
    csrf_token VARCHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX outpost_operator_session_expiry ON outpost_operator_session (expires_at);
