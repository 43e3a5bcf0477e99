package io.outpost.web.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The cookie a signed-in browser holds: the session's token, and nothing a script may read (HttpOnly), sent only over
 * HTTPS (Secure; browsers count {@code localhost} as secure) and never with a request another site starts
 * (SameSite=Strict, RFC 6265bis §5.4.7). Requests that change something also carry the session's CSRF token in {@link
 * #CSRF_HEADER}, which another site's form cannot set.
 */
public final class SessionCookie {

    // RFC 6265bis §4.1.3.2: a "__Host-" cookie is set only Secure, from this host, for the whole site; a subdomain
    // cannot plant one.
    public static final String NAME = "__Host-outpost-session";

    /** The operator's cookie: apart from a tenant user's, so that neither is ever taken for the other. */
    public static final String OPERATOR_NAME = "__Host-outpost-operator";

    /** The header every request that changes something sends the session's CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private SessionCookie() {}

    /** The token the request's cookie of that name holds, if it has one. */
    public static Optional<String> of(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        return cookies == null
                ? Optional.empty()
                : Arrays.stream(cookies)
                        .filter(cookie -> name.equals(cookie.getName()))
                        .map(Cookie::getValue)
                        .filter(value -> !value.isEmpty())
                        .findFirst();
    }

    /** The {@code Set-Cookie} value that holds {@code token} for {@code lifetime}, or (empty token) ends it. */
    public static String header(String token, Duration lifetime) {
        return header(NAME, token, lifetime);
    }

    /** The {@code Set-Cookie} value of the cookie {@code name}, as {@link #header(String, Duration)}. */
    public static String header(String name, String token, Duration lifetime) {
        return name + "=" + token + "; Path=/; Max-Age=" + lifetime.toSeconds() + "; HttpOnly; Secure; SameSite=Strict";
    }
}
