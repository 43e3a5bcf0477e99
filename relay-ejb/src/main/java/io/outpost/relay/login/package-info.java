/**
 * Throttling failed logins, the same way for SMTP AUTH and the HTTP API: per client address (IPv6 per /64), per
 * address and user name, and per name, with a growing delay and a block. Plain Java; the SMTP listener and the web
 * module each hold one.
 */
package io.outpost.relay.login;
