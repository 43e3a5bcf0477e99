package io.outpost.web.admin;

import io.outpost.relay.intake.SmtpListener;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who is failing SMTP AUTH now: the shared throttle's counts and blocks per client IP and per user name. */
@Path("admin/auth-throttle")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class AuthThrottleResource {

    @EJB
    private SmtpListener listener;

    @GET
    public String snapshot() {
        return Representations.list(listener.authThrottle().snapshot(), Representations::throttleEntry);
    }
}
