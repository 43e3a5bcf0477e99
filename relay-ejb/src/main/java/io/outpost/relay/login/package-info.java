/**
 * Throttling failed logins, the same way for SMTP AUTH and the HTTP API: per client address (IPv6 per /64), per
 * address and user name, and per name, with a growing delay and a block. Plain Java but for {@link
 * io.outpost.relay.login.SmtpLogins}, the bean holding SMTP's throttle for the listener and the admin API; the web
 * module holds its own for the HTTP APIs.
 */
package io.outpost.relay.login;
