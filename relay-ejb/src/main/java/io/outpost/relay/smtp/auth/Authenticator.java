package io.outpost.relay.smtp.auth;

import java.net.InetAddress;

/**
 * Checks SMTP AUTH credentials (RFC 4954). Called from session threads, possibly many at once, only over TLS and only
 * for users the {@link io.outpost.relay.login.AuthThrottle} has not blocked.
 *
 * <p>The session zeroes {@code password} as soon as this returns, so an implementation must not keep it. An
 * implementation that throws counts as {@link AuthResult.TemporaryFailure}: authentication fails closed.
 */
public interface Authenticator {

    AuthResult authenticate(String username, char[] password, InetAddress client);
}
