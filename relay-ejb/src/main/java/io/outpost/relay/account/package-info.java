/**
 * The people who sign in to the web UI for a tenant (issue 12): their accounts (invited, each with a role), their
 * passwords (hashed as every other secret, {@code tenant/Secrets}) and their signed-in sessions, kept hashed. What a
 * role may do is {@link io.outpost.relay.account.UserRole#permits}. Depends on JPA and the values of relay-api.
 */
package io.outpost.relay.account;
