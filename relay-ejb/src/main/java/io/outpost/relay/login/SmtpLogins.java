package io.outpost.relay.login;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The failed SMTP AUTH attempts of the whole server: one throttle for every session and both ports, which the SMTP
 * listener counts in and the admin API shows.
 */
@ApplicationScoped
public class SmtpLogins {

    private final AuthThrottle throttle = AuthThrottle.withDefaultLimits();

    public AuthThrottle throttle() {
        return throttle;
    }
}
