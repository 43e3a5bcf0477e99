package io.outpost.web.security;

import io.outpost.relay.account.UserCredential;
import io.outpost.web.tenant.CallingTenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who is calling the tenant API, beyond its tenant: one of its API keys, or a user signed in to the web UI. What a
 * message's submitter and a change's author are recorded as.
 */
public final class Caller {

    private Caller() {}

    /** The submitter a message is recorded and limited as: the API key's id, or {@code user:<address>}. */
    public static String credential(HttpServletRequest request) {
        return CallerApiKey.keyId(request.getHeader("Authorization"))
                .or(() -> SignedInSessions.of(request).map(session -> UserCredential.of(session.user())))
                .orElseThrow(() -> new IllegalStateException("a tenant API call with neither a key nor a session"));
    }

    /** Who a change is recorded as: {@code api-key:<id>}, {@code user:<address>}, or else the tenant. */
    public static String actor(HttpServletRequest request, SecurityContext security) {
        return CallerApiKey.keyId(request.getHeader("Authorization"))
                .map(key -> "api-key:" + key)
                .or(() -> SignedInSessions.of(request).map(session -> UserCredential.of(session.user())))
                .orElse("tenant:" + CallingTenant.of(security).value());
    }
}
