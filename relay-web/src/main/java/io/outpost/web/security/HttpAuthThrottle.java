package io.outpost.web.security;

import io.outpost.relay.login.AuthThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Failed logins to the HTTP APIs (admin passwords, tenant API keys), judged by the same rules as SMTP AUTH but counted
 * apart from SMTP's: an address is blocked for a name after 5 failures and for every name after 10 (429), a name is
 * never blocked but its failures are answered later, 1 s doubling to 10 s. A delay holds the request's thread, so at
 * most {@value #MAX_DELAYED} requests wait at once; beyond that, failures are answered at once (the per-address
 * blocks still bound what one address can try).
 */
@ApplicationScoped
public class HttpAuthThrottle {

    static final int MAX_DELAYED = 32;

    private final AuthThrottle throttle = AuthThrottle.withDefaultLimits();
    private final Semaphore delayed = new Semaphore(MAX_DELAYED);

    public AuthThrottle throttle() {
        return throttle;
    }

    /** Waits {@code delay} before a failed login is answered, unless too many requests wait already. */
    public void pause(Duration delay) {
        if (delay.isZero() || !delayed.tryAcquire()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delayed.release();
        }
    }
}
