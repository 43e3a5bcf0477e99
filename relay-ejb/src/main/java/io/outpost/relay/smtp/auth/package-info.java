/**
 * Who an SMTP client is and what that identity may do: the {@link io.outpost.relay.smtp.auth.Authenticator} SPI, the
 * brute-force {@link io.outpost.relay.login.AuthThrottle}, and the sender-binding and sending-limit hooks consulted
 * for authenticated sessions. Depends on {@code io.outpost.api.mail} only.
 */
package io.outpost.relay.smtp.auth;
