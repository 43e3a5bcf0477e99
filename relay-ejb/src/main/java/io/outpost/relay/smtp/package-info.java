/**
 * The inbound SMTP protocol engine (RFC 5321 server side): listener, one session per connection, and the readers and
 * parsers the session uses, including STARTTLS and implicit TLS (RFC 3207, RFC 8314) and AUTH (RFC 4954). Who a client
 * is and what it may send lives in {@code auth}. Every connection is held to totals of time (session, command line,
 * data, TLS handshake), and a client neither authenticated nor trusted to a smaller size limit and a message rate. Plain Java on top of {@code io.outpost.api.mail}; no Jakarta EE here,
 * so the container wrapper supplies threads and the {@link io.outpost.relay.smtp.MessageAcceptor}.
 */
package io.outpost.relay.smtp;
