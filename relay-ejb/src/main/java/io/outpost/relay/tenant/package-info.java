/**
 * Tenants and their credentials: the JPA entities (tenant with its sending domains, SMTP credentials, API keys, admin
 * accounts), the store that creates and revokes them, slow salted hashing of every secret, the built-in SMTP credential
 * check, sender binding to a tenant's domains, per-credential sending limits, and the credentials' states (active or
 * revoked) kept in memory so that revocation reaches sessions already logged in. Depends on JPA, CDI events, Jakarta
 * Security's password hash, {@code io.outpost.relay.smtp.auth}, {@code io.outpost.relay.cache} and the values of
 * relay-api.
 */
package io.outpost.relay.tenant;
