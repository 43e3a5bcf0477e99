package io.outpost.web.security;

import io.outpost.relay.smtp.auth.AuthThrottle;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failed logins to the HTTP APIs (admin passwords, tenant API keys), counted per client IP and per user name or key id
 * with the same thresholds as SMTP AUTH: after 10 failures within 15 minutes the IP or name is refused for 15 minutes.
 * Apart from SMTP's counts, so each protocol's clients are judged by their own failures.
 */
@ApplicationScoped
public class HttpAuthThrottle {

    private final AuthThrottle throttle = AuthThrottle.withDefaultLimits();

    public AuthThrottle throttle() {
        return throttle;
    }
}
