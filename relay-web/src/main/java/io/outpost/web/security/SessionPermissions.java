package io.outpost.web.security;

import io.outpost.relay.account.OperatorSession;
import io.outpost.relay.account.SignedIn;
import io.outpost.relay.account.UserRole;
import io.outpost.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed-in user's request may do ({@link SignedInSessions}): one that changes something must carry the
 * session's CSRF token ({@link SessionCookie#CSRF_HEADER}: a form another site makes the browser send cannot set it),
 * and one the user's role does not permit ({@link UserRole#permits}, for what the matched resource is for: {@link
 * ApiAccess}) is a 403 naming the role. An operator signed in to the web UI ({@link SignedInOperators}) needs the CSRF
 * token the same way. Requests with an API key or HTTP Basic pass untouched.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class SessionPermissions implements ContainerRequestFilter {

    // RFC 9110 §9.2.1: the methods that change nothing need no CSRF token.
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private static final String CSRF_NEEDED =
            "A request that changes something needs the session's " + SessionCookie.CSRF_HEADER + " header";

    @Context
    private HttpServletRequest request;

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext context) {
        Optional<OperatorSession> operator = SignedInOperators.of(request);
        if (operator.isPresent()) {
            if (!SAFE.contains(request.getMethod())
                    && !csrfMatches(operator.get().csrf())) {
                context.abortWith(forbidden(CSRF_NEEDED));
            }
            return;
        }
        Optional<SignedIn> session = SignedInSessions.of(request);
        if (session.isEmpty()) {
            return;
        }
        String method = request.getMethod();
        UserRole.Access access = Optional.ofNullable(resource.getResourceClass())
                .map(matched -> matched.getAnnotation(ApiAccess.class))
                .map(ApiAccess::value)
                .orElse(UserRole.Access.SENDING);
        // Signing in again changes no session, and a browser holds no CSRF token before it.
        boolean signingIn = method.equals("POST") && access == UserRole.Access.OWN_SESSION;
        if (!SAFE.contains(method) && !signingIn && !csrfMatches(session.get().csrf())) {
            context.abortWith(forbidden(CSRF_NEEDED));
        } else if (!session.get().user().role().permits(method, access)) {
            context.abortWith(
                    forbidden("Your role (" + session.get().user().role().wireName() + ") may not do this"));
        }
    }

    // Compared in constant time: the token is a secret of the session's.
    private boolean csrfMatches(String csrf) {
        String sent = request.getHeader(SessionCookie.CSRF_HEADER);
        return sent != null
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8));
    }

    private static Response forbidden(String detail) {
        return new Problem(Problem.FORBIDDEN, "Forbidden", 403, detail, List.of()).toResponse();
    }
}
