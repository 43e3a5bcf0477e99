package io.outpost.web.account;

import io.outpost.relay.account.AccountStore;
import io.outpost.relay.account.OperatorSession;
import io.outpost.relay.account.OperatorSessions;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.login.AuthThrottle;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem;
import io.outpost.web.security.HttpAuthThrottle;
import io.outpost.web.security.Roles;
import io.outpost.web.security.SessionCookie;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/operator-session}: an administrator signing in to the web UI's operator pages, open to anyone
 * (web.xml). The account and password are the admin API's own (checked by its identity store: one store of admin
 * passwords), and failures are throttled with the admin API's Basic logins, under the same name ({@link
 * HttpAuthThrottle}): 401, then 429.
 *
 * <ul>
 *   <li>{@code POST {"user", "password"}}: signs in; the session is an HttpOnly cookie of its own ({@link
 *       SessionCookie#OPERATOR_NAME}) that only the admin API takes, and the answer gives the CSRF token to send with
 *       every request that changes something.
 *   <li>{@code GET}: the session's admin and CSRF token; 401 without one.
 *   <li>{@code DELETE}: signs out, with the CSRF token.
 * </ul>
 */
@Path("operator-session")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorSessionResource {

    @EJB
    private OperatorSessions sessions;

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private HttpAuthThrottle throttle;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(JsonObject body) throws UnknownHostException {
        RequestFields fields = new RequestFields(body);
        Optional<String> user = fields.required("user", text -> text);
        Optional<String> password = fields.required("password", text -> text);
        fields.check();
        // The container's remote address is a literal: no DNS lookup happens here.
        InetAddress client = InetAddress.getByName(request.getRemoteAddr());
        AuthThrottle failures = throttle.throttle();
        if (failures.isBlocked(client, user.orElseThrow())) {
            return problem(
                    429,
                    Problem.TOO_MANY_FAILURES,
                    "Too many failed sign-ins from this address, or for this account; try again later");
        }
        // The admin store costs an unknown name one dummy verification, as a known one: timing names no account.
        CredentialValidationResult result =
                AccountStore.MAX_PASSWORD < password.orElseThrow().length()
                        ? CredentialValidationResult.INVALID_RESULT
                        : identityStores.validate(new UsernamePasswordCredential(user.get(), password.get()));
        if (result.getStatus() != CredentialValidationResult.Status.VALID
                || !result.getCallerGroups().contains(Roles.ADMIN)) {
            throttle.pause(failures.recordFailure(client, user.get()));
            return problem(401, Problem.UNAUTHORIZED, "The user name or password is wrong");
        }
        failures.recordSuccess(client, user.get());
        OperatorSession session = sessions.open(result.getCallerPrincipal().getName());
        return Response.ok(json(session))
                .header(
                        "Set-Cookie",
                        SessionCookie.header(
                                SessionCookie.OPERATOR_NAME, session.token(), AccountStore.SESSION_LIFETIME))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    public Response current() {
        return session()
                .map(session -> Response.ok(json(session))
                        .header("Cache-Control", "no-store")
                        .build())
                .orElseGet(() -> problem(401, Problem.UNAUTHORIZED, "Not signed in"));
    }

    @DELETE
    public Response signOut() {
        Optional<OperatorSession> session = session();
        if (session.isPresent()) {
            // Signing out is a change: another site's form must not end the session either.
            String sent = Optional.ofNullable(request.getHeader(SessionCookie.CSRF_HEADER))
                    .orElse("");
            if (!MessageDigest.isEqual(
                    sent.getBytes(StandardCharsets.UTF_8), session.get().csrf().getBytes(StandardCharsets.UTF_8))) {
                return problem(
                        403,
                        Problem.FORBIDDEN,
                        "A request that changes something needs the session's " + SessionCookie.CSRF_HEADER
                                + " header");
            }
            sessions.end(session.get().token());
        }
        return Response.noContent()
                .header("Set-Cookie", SessionCookie.header(SessionCookie.OPERATOR_NAME, "", Duration.ZERO))
                .build();
    }

    // This path is not the admin API's, so the mechanism leaves the operator's cookie alone here: read it directly.
    private Optional<OperatorSession> session() {
        return SessionCookie.of(request, SessionCookie.OPERATOR_NAME).flatMap(sessions::session);
    }

    private static String json(OperatorSession session) {
        return CachedJson.createObjectBuilder()
                .add("user", session.admin())
                .add("csrfToken", session.csrf())
                .add("expiresAt", session.expiresAt().toString())
                .build()
                .toString();
    }

    private static Response problem(int status, String type, String detail) {
        String title =
                switch (status) {
                    case 429 -> "Too many failed sign-ins";
                    case 403 -> "Forbidden";
                    default -> "Unauthorized";
                };
        return new Problem(type, title, status, detail, List.of()).toResponse();
    }
}
