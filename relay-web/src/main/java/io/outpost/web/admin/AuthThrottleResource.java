package io.outpost.web.admin;

import io.outpost.relay.json.CachedJson;
import io.outpost.relay.login.SmtpLogins;
import io.outpost.web.security.HttpAuthThrottle;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Who is failing to log in now, for SMTP AUTH and for the HTTP APIs, each entry marked with its protocol: failures and
 * blocks per client address ({@code ADDRESS}) and per address and name ({@code ADDRESS_AND_NAME}), and per user name or
 * API key id from anywhere ({@code NAME}), which is never blocked, only slowed ({@code nextFailureDelaySeconds}).
 */
@Path("admin/auth-throttle")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class AuthThrottleResource {

    @Inject
    private SmtpLogins smtp;

    @Inject
    private HttpAuthThrottle http;

    @GET
    public String snapshot() {
        JsonArrayBuilder entries = CachedJson.createArrayBuilder();
        smtp.throttle().snapshot().forEach(e -> entries.add(Representations.throttleEntry(e, "smtp")));
        http.throttle().snapshot().forEach(e -> entries.add(Representations.throttleEntry(e, "http")));
        return entries.build().toString();
    }
}
