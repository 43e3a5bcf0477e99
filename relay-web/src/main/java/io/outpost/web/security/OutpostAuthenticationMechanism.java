package io.outpost.web.security;

import io.outpost.relay.login.AuthThrottle;
import io.outpost.relay.tenant.PresentedApiKey;
import io.outpost.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's one authentication mechanism (Jakarta Security allows one per application): HTTP Basic for admin
 * accounts and Bearer API keys for tenants, both checked through the identity stores, and the session cookie of a
 * tenant's user signed in to the web UI ({@link SignedInSessions}) on the tenant API, and that of an administrator
 * signed in to the operator's pages ({@link SignedInOperators}) on the admin API. Credentials are checked whenever
 * they are sent; without credentials a protected resource answers 401 with the challenge of its part of the API (Basic
 * on {@code /api/v1/admin}, Bearer elsewhere), an unprotected one is served anonymously. Wrong, malformed or throttled
 * credentials are refused on every path, protected or not (on an open path through {@link RefusedCredentialsFilter}),
 * with an {@code application/problem+json} body. Which role a path needs is web.xml's and {@code @RolesAllowed}'s
 * business.
 */
@ApplicationScoped
public class OutpostAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String ADMIN_API = "/api/v1/admin";

    // The operator's sign-in and sign-out: open, and no tenant user's session, so that a browser signed in as a tenant
    // user too is held to neither that session's CSRF token nor its role here.
    private static final String OPERATOR_SESSION = "/api/v1/operator-session";

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private HttpAuthThrottle throttle;

    @Inject
    private SignedInSessions sessions;

    @Inject
    private SignedInOperators operators;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean adminApi = isAdminApi(path);
        AuthorizationHeader header = AuthorizationHeader.parse(request.getHeader("Authorization"));
        if (header instanceof AuthorizationHeader.Basic basic) {
            return login(
                    new UsernamePasswordCredential(basic.username(), basic.password()),
                    basic.username(),
                    adminApi,
                    false,
                    context);
        }
        if (header instanceof AuthorizationHeader.Bearer bearer) {
            // The key id is the public half of the key: counting failures by it never stores a secret.
            String keyId = PresentedApiKey.parse(bearer.token())
                    .map(PresentedApiKey::keyId)
                    .orElse("malformed-api-key");
            return login(new ApiKeyCredential(bearer.token()), keyId, adminApi, true, context);
        }
        if (header instanceof AuthorizationHeader.Absent && !path.equals(OPERATOR_SESSION)) {
            // Each cookie opens only its own API: a tenant user's never the admin API, an operator's never a tenant's.
            Optional<String> session =
                    SessionCookie.of(request, adminApi ? SessionCookie.OPERATOR_NAME : SessionCookie.NAME);
            if (session.isPresent()) {
                return adminApi
                        ? operators.validate(session.get(), request, context)
                        : sessions.validate(session.get(), request, context);
            }
        }
        if (header instanceof AuthorizationHeader.Malformed malformed) {
            return refuse(
                    context,
                    challenge(adminApi, false),
                    "The Authorization header is malformed: " + malformed.reason());
        }
        return context.isProtected()
                ? refuse(
                        context,
                        challenge(adminApi, false),
                        adminApi
                                ? "The admin API needs an admin account's user name and password (HTTP Basic)"
                                : "This API needs one of your API keys as a Bearer token")
                : context.doNothing();
    }

    /** True for the admin API's paths, whose challenge is Basic. */
    static boolean isAdminApi(String path) {
        return path.equals(ADMIN_API) || path.startsWith(ADMIN_API + "/");
    }

    /** The {@code WWW-Authenticate} value for a path; RFC 6750 §3.1 names a rejected token {@code invalid_token}. */
    static String challenge(boolean adminApi, boolean invalidToken) {
        if (adminApi) {
            return "Basic realm=\"" + Roles.ADMIN_REALM + "\", charset=\"UTF-8\"";
        }
        return "Bearer realm=\"" + Roles.TENANT_REALM + "\"" + (invalidToken ? ", error=\"invalid_token\"" : "");
    }

    private AuthenticationStatus login(
            Credential credential, String name, boolean adminApi, boolean token, HttpMessageContext context)
            throws AuthenticationException {
        InetAddress client = clientOf(context.getRequest());
        AuthThrottle failures = throttle.throttle();
        if (failures.isBlocked(client, name)) {
            // Checked before the identity stores: a blocked guesser costs no PBKDF2 verification.
            return tooManyFailures(context, failures.limits().blockFor());
        }
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            failures.recordSuccess(client, name);
            return context.notifyContainerAboutLogin(result);
        }
        // Only a failure waits: the right password is accepted at once however hard its name is being attacked.
        throttle.pause(failures.recordFailure(client, name));
        return refuse(
                context,
                challenge(adminApi, token),
                token ? "The API key is unknown, revoked or wrong" : "The user name or password is wrong");
    }

    // RFC 6585 §4: too many requests, with the problem saying why and Retry-After when to try again.
    private static AuthenticationStatus tooManyFailures(HttpMessageContext context, Duration blockFor)
            throws AuthenticationException {
        return refuse(
                context,
                new Refusal(
                        429,
                        Map.of("Retry-After", Long.toString(blockFor.toSeconds())),
                        new Problem(
                                Problem.TOO_MANY_FAILURES,
                                "Too many failed logins",
                                429,
                                "Too many failed logins from this address, or from it for this name; try again later",
                                List.of())));
    }

    private static InetAddress clientOf(HttpServletRequest request) throws AuthenticationException {
        try {
            // The container's remote address is a literal: no DNS lookup happens here.
            return InetAddress.getByName(request.getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new AuthenticationException("unreadable client address", e);
        }
    }

    private static AuthenticationStatus refuse(HttpMessageContext context, String challenge, String detail)
            throws AuthenticationException {
        return refuse(
                context,
                new Refusal(
                        HttpServletResponse.SC_UNAUTHORIZED,
                        Map.of("WWW-Authenticate", challenge),
                        new Problem(Problem.UNAUTHORIZED, "Unauthorized", 401, detail, List.of())));
    }

    static AuthenticationStatus refuse(HttpMessageContext context, Refusal refusal) throws AuthenticationException {
        LibertyRefusalAuthType.mark(context.getRequest());
        if (!context.isProtected()) {
            // Liberty goes on to serve an open path whatever the mechanism answers: the filter sends the refusal.
            context.getRequest().setAttribute(Refusal.ATTRIBUTE, refusal);
            return AuthenticationStatus.SEND_FAILURE;
        }
        try {
            refusal.writeTo(context.getResponse());
        } catch (IOException e) {
            throw new AuthenticationException("could not write the " + refusal.status() + " response", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
