/**
 * DNS-based sender authentication records of a sending domain: SPF evaluation (RFC 7208) and DMARC record discovery
 * and parsing (RFC 7489), so an operator can see whether Outpost's outbound addresses pass for a domain.
 *
 * <p>Plain Java: no Jakarta EE annotations here. Depends on the relay-api mail values and dnsjava only; look-ups go to
 * the configured resolvers with no cache of their own, like {@code delivery.MxResolver}.
 */
package io.outpost.relay.dnsauth;
