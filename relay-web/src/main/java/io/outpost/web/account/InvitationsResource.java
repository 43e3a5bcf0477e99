package io.outpost.web.account;

import io.outpost.relay.account.AccountStore;
import io.outpost.relay.account.TenantUser;
import io.outpost.relay.account.UserRole;
import io.outpost.relay.login.AuthThrottle;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.HttpAuthThrottle;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/invitations {"token", "password"}}: accepts an invitation, open to anyone holding its token
 * (web.xml), given in the body so that no access log keeps it: the user's password is set, and they can sign in. An
 * unknown, used or expired token is a 404, and counts as a failed login of the client's address ({@link
 * HttpAuthThrottle}), so nobody tries tokens at speed.
 */
@Path("invitations")
@Produces(MediaType.APPLICATION_JSON)
// Open, like signing in: a browser signed in as another user (a viewer, say) accepts an invitation too, held to neither
// that session's CSRF token nor its role.
@ApiAccess(UserRole.Access.OWN_SESSION)
public class InvitationsResource {

    // The name failures are counted under: what is guessed is a token, not an account.
    private static final String GUESSED = "invitation-token";

    @EJB
    private AccountStore accounts;

    @Inject
    private HttpAuthThrottle throttle;

    @Context
    private HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response accept(JsonObject body) throws UnknownHostException {
        RequestFields fields = new RequestFields(body);
        Optional<String> token = fields.required("token", text -> text);
        Optional<String> password = fields.required("password", text -> text);
        password.flatMap(text -> AccountStore.passwordProblem(text.toCharArray()))
                .ifPresent(problem -> fields.reject("password", problem));
        fields.check();
        // The container's remote address is a literal: no DNS lookup happens here.
        InetAddress client = InetAddress.getByName(request.getRemoteAddr());
        AuthThrottle failures = throttle.throttle();
        if (failures.isBlocked(client, GUESSED)) {
            return new Problem(
                            Problem.TOO_MANY_FAILURES,
                            "Too many failed sign-ins",
                            429,
                            "Too many unknown invitations from this address; try again later",
                            List.of())
                    .toResponse();
        }
        Optional<TenantUser> accepted =
                accounts.accept(token.orElseThrow(), password.orElseThrow().toCharArray());
        if (accepted.isEmpty()) {
            throttle.pause(failures.recordFailure(client, GUESSED));
            return new Problem(
                            Problem.NOT_FOUND,
                            "Not found",
                            404,
                            "No such invitation, or it was used or has expired",
                            List.of())
                    .toResponse();
        }
        return Response.ok(UserJson.user(accepted.get()).build().toString()).build();
    }
}
