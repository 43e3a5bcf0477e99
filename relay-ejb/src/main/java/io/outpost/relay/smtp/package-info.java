/**
 * The inbound SMTP protocol engine (RFC 5321 server side): listener, one session per connection, and the readers and
 * parsers the session uses. Plain Java on top of {@code io.outpost.api.mail}; no Jakarta EE here, so the container
 * wrapper supplies threads and the {@link io.outpost.relay.smtp.MessageAcceptor}.
 */
package io.outpost.relay.smtp;
