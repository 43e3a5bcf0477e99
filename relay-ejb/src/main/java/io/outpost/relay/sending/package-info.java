/**
 * Sending domains: their DKIM selectors and keys, the DNS records an owner must publish, the checks of those records
 * in DNS, the return-path (bounce) domain with its VERP addresses, and the DMARC alignment check before sending.
 *
 * <p>Depends on {@code dkim}, {@code dnsauth}, {@code tenant} and the relay-api values.
 */
package io.outpost.relay.sending;
