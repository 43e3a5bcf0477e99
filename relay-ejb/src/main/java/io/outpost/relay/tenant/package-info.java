/**
 * Tenants and their credentials: the JPA entities (tenant with its sending domains, SMTP credentials, API keys, admin
 * accounts), the store that creates and revokes them, slow salted hashing of every secret, the built-in SMTP credential
 * check, sender binding to a tenant's domains and per-credential sending limits. Depends on JPA, Jakarta Security's
 * password hash, {@code io.outpost.relay.smtp.auth} and the values of relay-api.
 */
package io.outpost.relay.tenant;
