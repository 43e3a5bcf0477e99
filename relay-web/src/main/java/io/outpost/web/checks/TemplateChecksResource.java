package io.outpost.web.checks;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.account.UserRole;
import io.outpost.relay.checks.CheckedMessage;
import io.outpost.relay.checks.PreSendChecks;
import io.outpost.relay.template.TemplateStore;
import io.outpost.relay.template.TemplateVersion;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.RequestFields;
import io.outpost.web.security.ApiAccess;
import io.outpost.web.security.Roles;
import io.outpost.web.templates.TemplatesResource;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/templates/{name}/checks {"from", "stream": "bulk"|"transactional", "version"?, "data"?}}: runs the
 * pre-send checks on the template rendered with the data (none: as it is), From that address, as mail of that stream
 * (200 {@code {"checks": [...], "blocksSending"}}). For those who send: a viewer may not, since the checks fetch the
 * message's links and hand it to SpamAssassin. Another tenant's template is a 404 like one that does not exist.
 */
@Path("templates/{name}/checks")
@RolesAllowed(Roles.TENANT)
@ApiAccess(UserRole.Access.SENDING)
@Produces(MediaType.APPLICATION_JSON)
public class TemplateChecksResource {

    @EJB
    private TemplateStore templates;

    @Inject
    private PreSendChecks checks;

    @Context
    private SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public String run(@PathParam("name") String name, JsonObject body) throws NoSuchEntryException {
        TenantId tenant = CallingTenant.of(security);
        RequestFields fields = new RequestFields(body);
        Optional<Integer> version = fields.optionalPositive("version");
        Optional<EmailAddress> from = fields.required("from", EmailAddress::parse);
        Optional<MessageStream> stream = fields.required("stream", MessageStream::of);
        Map<String, Object> data = TemplatesResource.data(fields, body, "data");
        fields.check();
        TemplateVersion template = templates.find(tenant, TemplatesResource.name(name), version);
        CheckedMessage message = new CheckedMessage(
                tenant,
                from.orElseThrow(),
                stream.orElseThrow() == MessageStream.BULK,
                TemplatesResource.rendered(template, data));
        return CheckReportJson.of(checks.run(message)).toString();
    }
}
