package io.outpost.web.security;

import io.outpost.relay.account.AccountStore;
import io.outpost.relay.account.SignedIn;
import io.outpost.web.problem.Problem;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lets a tenant's user signed in to the web UI call the tenant API with their session cookie, as the tenant (the same
 * resources, the same rules as an API key); what their role and the CSRF token allow is {@link SessionPermissions}'s.
 */
@ApplicationScoped
public class SignedInSessions {

    /** The request attribute that holds the {@link SignedIn} session a request came with. */
    public static final String ATTRIBUTE = SignedIn.class.getName();

    @EJB
    private AccountStore accounts;

    /** The signed-in user of the request's session, once the mechanism let it through. */
    public static Optional<SignedIn> of(HttpServletRequest request) {
        return Optional.ofNullable((SignedIn) request.getAttribute(ATTRIBUTE));
    }

    AuthenticationStatus validate(String token, HttpServletRequest request, HttpMessageContext context)
            throws AuthenticationException {
        Optional<SignedIn> session = accounts.session(token);
        if (session.isEmpty()) {
            // An ended session on an open path (the sign-in page) is no session, not a refusal.
            return context.isProtected()
                    ? OutpostAuthenticationMechanism.refuse(
                            context,
                            new Refusal(
                                    HttpServletResponse.SC_UNAUTHORIZED,
                                    Map.of("WWW-Authenticate", OutpostAuthenticationMechanism.challenge(false, false)),
                                    new Problem(
                                            Problem.UNAUTHORIZED,
                                            "Unauthorized",
                                            401,
                                            "Your session has ended: sign in again",
                                            List.of())))
                    : context.doNothing();
        }
        request.setAttribute(ATTRIBUTE, session.get());
        return context.notifyContainerAboutLogin(new CredentialValidationResult(
                Roles.TENANT_REALM,
                session.get().user().tenant().value(),
                null,
                "user:" + session.get().user().email(),
                Set.of(Roles.TENANT)));
    }
}
