/**
 * A {@link io.outpost.api.plugin.SuppressionPolicy} that refuses bulk mail to role addresses (abuse@, postmaster@,
 * noreply@ ...): mailboxes of a function, not of a person who subscribed. Depends on relay-api alone, which the relay
 * provides.
 */
package io.outpost.plugin.roleaddresses;
