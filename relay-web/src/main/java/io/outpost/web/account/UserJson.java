package io.outpost.web.account;

import io.outpost.relay.account.Invitation;
import io.outpost.relay.account.TenantUser;
import io.outpost.relay.json.CachedJson;
import jakarta.json.JsonObjectBuilder;

/** Users and invitations as the APIs answer them. */
public final class UserJson {

    private UserJson() {}

    public static JsonObjectBuilder user(TenantUser user) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("email", user.email().toString())
                .add("tenant", user.tenant().value())
                .add("role", user.role().wireName())
                .add("active", user.active())
                .add("invitedBy", user.invitedBy())
                .add("createdAt", user.createdAt().toString());
        user.lastSignInAt().ifPresent(at -> json.add("lastSignInAt", at.toString()));
        return json;
    }

    /** The invitation, its token shown this once, with the page that accepts it under {@code base}. */
    public static JsonObjectBuilder invitation(Invitation invitation, String base) {
        return user(invitation.user())
                .add(
                        "invitation",
                        CachedJson.createObjectBuilder()
                                .add("token", invitation.token())
                                .add("url", base + "/ui/#/invitation/" + invitation.token())
                                .add("expiresAt", invitation.expiresAt().toString()));
    }
}
