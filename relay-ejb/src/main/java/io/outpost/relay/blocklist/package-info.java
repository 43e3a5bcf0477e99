/**
 * Watching blocklists: an EJB timer asks every enabled {@link io.outpost.api.plugin.BlocklistMonitor} about each
 * outbound address and sending domain, keeps each one's status, records a listing or delisting as an event, and pauses
 * bulk mail while a sending domain (or an outbound address) is listed. The built-in monitor asks DNS blocklists (RFC
 * 5782).
 */
package io.outpost.relay.blocklist;
