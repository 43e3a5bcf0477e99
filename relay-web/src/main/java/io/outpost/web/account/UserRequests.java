package io.outpost.web.account;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.account.AccountStore;
import io.outpost.relay.account.Invitation;
import io.outpost.relay.account.UserRole;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A tenant's users, as its owners and the operator manage them. */
public final class UserRequests {

    private final AccountStore accounts;
    private final TenantId tenant;
    private final String actor;

    /** @param actor who invites, as the user's record names them */
    public UserRequests(AccountStore accounts, TenantId tenant, String actor) {
        this.accounts = accounts;
        this.tenant = tenant;
        this.actor = actor;
    }

    /** {@code {"email", "role"}}: a 201 with the invitation, whose token is shown this once. */
    public Response invite(JsonObject body, HttpServletRequest request) throws ConflictException {
        RequestFields fields = new RequestFields(body);
        Optional<EmailAddress> email = fields.required("email", EmailAddress::parse);
        Optional<UserRole> role = fields.required("role", text -> UserRole.named(text)
                .orElseThrow(() -> new IllegalArgumentException("must be one of "
                        + Arrays.stream(UserRole.values())
                                .map(UserRole::wireName)
                                .toList())));
        fields.check();
        Invitation invitation = accounts.invite(tenant, email.orElseThrow(), role.orElseThrow(), actor);
        return Response.status(201)
                .entity(UserJson.invitation(invitation, base(request)).build().toString())
                .build();
    }

    public String list() {
        JsonArrayBuilder users = CachedJson.createArrayBuilder();
        accounts.users(tenant).forEach(user -> users.add(UserJson.user(user)));
        return CachedJson.createObjectBuilder().add("users", users).build().toString();
    }

    public Response remove(String email) throws NoSuchEntryException {
        EmailAddress address;
        try {
            address = EmailAddress.parse(email);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("email", e.getMessage())));
        }
        accounts.remove(tenant, address);
        return Response.noContent().build();
    }

    // Where the invited person opens the UI: this server, as the caller reached it.
    private static String base(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
    }
}
