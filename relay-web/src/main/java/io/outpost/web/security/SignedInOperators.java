package io.outpost.web.security;

import io.outpost.relay.account.OperatorSession;
import io.outpost.relay.account.OperatorSessions;
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
 * Lets an administrator signed in to the web UI's operator pages call the admin API with their session cookie ({@link
 * SessionCookie#OPERATOR_NAME}), as the admin account they signed in with: the same resources and roles as HTTP Basic.
 * Only on the admin API: the mechanism never offers this cookie to the tenant API. The CSRF token is {@link
 * SessionPermissions}'s business.
 */
@ApplicationScoped
public class SignedInOperators {

    /** The request attribute that holds the {@link OperatorSession} a request came with. */
    public static final String ATTRIBUTE = OperatorSession.class.getName();

    // Not Basic: a browser would answer a Basic challenge to its own fetch with a password dialog of its own.
    private static final String CHALLENGE = "Session realm=\"" + Roles.ADMIN_REALM + "\"";

    @EJB
    private OperatorSessions sessions;

    /** The operator's session of the request, once the mechanism let it through. */
    public static Optional<OperatorSession> of(HttpServletRequest request) {
        return Optional.ofNullable((OperatorSession) request.getAttribute(ATTRIBUTE));
    }

    AuthenticationStatus validate(String token, HttpServletRequest request, HttpMessageContext context)
            throws AuthenticationException {
        Optional<OperatorSession> session = sessions.session(token);
        if (session.isEmpty()) {
            return OutpostAuthenticationMechanism.refuse(
                    context,
                    new Refusal(
                            HttpServletResponse.SC_UNAUTHORIZED,
                            Map.of("WWW-Authenticate", CHALLENGE),
                            new Problem(
                                    Problem.UNAUTHORIZED,
                                    "Unauthorized",
                                    401,
                                    "Your operator session has ended: sign in again",
                                    List.of())));
        }
        request.setAttribute(ATTRIBUTE, session.get());
        return context.notifyContainerAboutLogin(new CredentialValidationResult(
                Roles.ADMIN_REALM, session.get().admin(), null, session.get().admin(), Set.of(Roles.ADMIN)));
    }
}
