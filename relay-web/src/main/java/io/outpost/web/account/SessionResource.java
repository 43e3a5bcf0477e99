package io.outpost.web.account;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.account.AccountStore;
import io.outpost.relay.account.SignedIn;
import io.outpost.relay.account.UserRole;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.login.AuthThrottle;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.HttpAuthThrottle;
import io.outpost.web.security.SessionCookie;
import io.outpost.web.security.SignedInSessions;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/session}: signing in to the web UI, open to anyone (web.xml).
 *
 * <ul>
 *   <li>{@code POST {"tenant", "email", "password"}}: signs in to that tenant (an address is a user of each tenant that
 *       invited it, apart); the session is an HttpOnly cookie ({@link SessionCookie}), and the
 *       answer gives the CSRF token to send with every request that changes something. Failures are throttled as every
 *       other login ({@link HttpAuthThrottle}): 401, then 429.
 *   <li>{@code GET}: the session's user and CSRF token; 401 without one.
 *   <li>{@code DELETE}: signs out (the CSRF token is needed, as for any change).
 * </ul>
 */
@ApiAccess(UserRole.Access.OWN_SESSION)
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @EJB
    private AccountStore accounts;

    @Inject
    private HttpAuthThrottle throttle;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(JsonObject body) throws UnknownHostException {
        RequestFields fields = new RequestFields(body);
        Optional<TenantId> tenant = fields.required("tenant", TenantId::of);
        Optional<EmailAddress> email = fields.required("email", EmailAddress::parse);
        Optional<String> password = fields.required("password", text -> text);
        fields.check();
        // The container's remote address is a literal: no DNS lookup happens here.
        InetAddress client = InetAddress.getByName(request.getRemoteAddr());
        String name = tenant.orElseThrow().value() + "/" + AccountStore.folded(email.orElseThrow());
        AuthThrottle failures = throttle.throttle();
        if (failures.isBlocked(client, name)) {
            return problem(
                    429,
                    Problem.TOO_MANY_FAILURES,
                    "Too many failed sign-ins from this address, or for this account; try again later");
        }
        Optional<SignedIn> signedIn = accounts.signIn(
                tenant.get(), email.get(), password.orElseThrow().toCharArray());
        if (signedIn.isEmpty()) {
            throttle.pause(failures.recordFailure(client, name));
            return problem(401, Problem.UNAUTHORIZED, "The tenant, address or password is wrong");
        }
        failures.recordSuccess(client, name);
        return Response.ok(json(signedIn.get()))
                .header("Set-Cookie", SessionCookie.header(signedIn.get().token(), AccountStore.SESSION_LIFETIME))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    public Response current() {
        return SignedInSessions.of(request)
                .map(session -> Response.ok(json(session))
                        .header("Cache-Control", "no-store")
                        .build())
                .orElseGet(() -> problem(401, Problem.UNAUTHORIZED, "Not signed in"));
    }

    @DELETE
    public Response signOut() {
        SignedInSessions.of(request).ifPresent(session -> accounts.signOut(session.token()));
        return Response.noContent()
                .header("Set-Cookie", SessionCookie.header("", Duration.ZERO))
                .build();
    }

    private static String json(SignedIn session) {
        return CachedJson.createObjectBuilder()
                .add("user", UserJson.user(session.user()))
                .add("csrfToken", session.csrf())
                .add("expiresAt", session.expiresAt().toString())
                .build()
                .toString();
    }

    private static Response problem(int status, String type, String detail) {
        return new Problem(type, status == 429 ? "Too many failed sign-ins" : "Unauthorized", status, detail, List.of())
                .toResponse();
    }
}
