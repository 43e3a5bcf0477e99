/**
 * Mail that comes back to a return path: which addresses Outpost receives it for (signed VERP addresses of its own
 * messages), and what it says, read as a delivery status notification (RFC 3464), a complaint report (ARF, RFC 5965)
 * or a bounce in plain words, then recorded against the recipient it is about. Depends on {@code bounce}, {@code
 * queue}, {@code sending} (the VERP token) and {@code smtp} (the received message).
 */
package io.outpost.relay.returns;
