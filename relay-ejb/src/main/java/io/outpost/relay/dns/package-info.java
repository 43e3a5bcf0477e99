/**
 * How Outpost asks DNS: one resolver over the configured servers, and uncached look-ups that ignore {@code /etc/hosts},
 * shared by mail routing ({@code delivery}) and the checks of sending domains ({@code dnsauth}). Depends on dnsjava only.
 */
package io.outpost.relay.dns;
