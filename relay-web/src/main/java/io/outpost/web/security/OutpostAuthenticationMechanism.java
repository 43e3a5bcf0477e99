package io.outpost.web.security;

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
import java.util.List;

/**
 * The application's one authentication mechanism (Jakarta Security allows one per application): HTTP Basic for admin
 * accounts and Bearer API keys for tenants, both checked through the identity stores. Credentials are checked whenever
 * they are sent; without credentials a protected resource answers 401 with the challenge of its part of the API (Basic
 * on {@code /api/v1/admin}, Bearer elsewhere), an unprotected one is served anonymously. Refusals carry an
 * {@code application/problem+json} body. Which role a path needs is web.xml's and {@code @RolesAllowed}'s business.
 */
@ApplicationScoped
public class OutpostAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String ADMIN_API = "/api/v1/admin";

    @Inject
    private IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        boolean adminApi = isAdminApi(
                request.getRequestURI().substring(request.getContextPath().length()));
        AuthorizationHeader header = AuthorizationHeader.parse(request.getHeader("Authorization"));
        if (header instanceof AuthorizationHeader.Basic basic) {
            return login(new UsernamePasswordCredential(basic.username(), basic.password()), adminApi, false, context);
        }
        if (header instanceof AuthorizationHeader.Bearer bearer) {
            return login(new ApiKeyCredential(bearer.token()), adminApi, true, context);
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
            Credential credential, boolean adminApi, boolean token, HttpMessageContext context)
            throws AuthenticationException {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            return context.notifyContainerAboutLogin(result);
        }
        return refuse(
                context,
                challenge(adminApi, token),
                token ? "The API key is unknown, revoked or wrong" : "The user name or password is wrong");
    }

    private static AuthenticationStatus refuse(HttpMessageContext context, String challenge, String detail)
            throws AuthenticationException {
        HttpServletResponse response = context.getResponse();
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", challenge);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter()
                    .write(new Problem(Problem.UNAUTHORIZED, "Unauthorized", 401, detail, List.of()).toJson());
        } catch (IOException e) {
            throw new AuthenticationException("could not write the 401 response", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
