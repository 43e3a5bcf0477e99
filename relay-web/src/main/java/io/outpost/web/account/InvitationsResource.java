package io.outpost.web.account;

import io.outpost.relay.account.AccountStore;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.RequestFields;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code POST /api/v1/invitations/{token} {"password"}}: accepts an invitation, open to anyone holding its token
 * (web.xml): the user's password is set, and they can sign in. An unknown, used or expired token is a 404.
 */
@Path("invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationsResource {

    @EJB
    private AccountStore accounts;

    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String accept(@PathParam("token") String token, JsonObject body) throws NoSuchEntryException {
        RequestFields fields = new RequestFields(body);
        Optional<String> password = fields.required("password", text -> text);
        password.flatMap(text -> AccountStore.passwordProblem(text.toCharArray()))
                .ifPresent(problem -> fields.reject("password", problem));
        fields.check();
        return accounts.accept(token, password.orElseThrow().toCharArray())
                .map(user -> UserJson.user(user).build().toString())
                .orElseThrow(() -> new NoSuchEntryException("no such invitation, or it was used or has expired"));
    }
}
