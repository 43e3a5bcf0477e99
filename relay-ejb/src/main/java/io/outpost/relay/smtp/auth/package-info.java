/**
 * Who an SMTP client is and what that identity may do: the {@link io.outpost.relay.smtp.auth.Authenticator} SPI, the
 * {@link io.outpost.relay.smtp.auth.Identity} a session sends as. What an identity may send is decided by the rules in
 * {@code io.outpost.relay.rules}. Depends on {@code io.outpost.api.mail} only.
 */
package io.outpost.relay.smtp.auth;
