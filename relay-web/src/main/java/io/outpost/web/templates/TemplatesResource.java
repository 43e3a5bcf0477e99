package io.outpost.web.templates;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.template.CompiledTemplate;
import io.outpost.relay.template.FilesOfNewVersion;
import io.outpost.relay.template.RenderedMessage;
import io.outpost.relay.template.TemplateContent;
import io.outpost.relay.template.TemplateException;
import io.outpost.relay.template.TemplateFile;
import io.outpost.relay.template.TemplateName;
import io.outpost.relay.template.TemplateStore;
import io.outpost.relay.template.TemplateVersion;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.JsonData;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Entities;

/**
 * {@code /api/v1/templates}: the calling tenant's message templates, each version kept.
 *
 * <ul>
 *   <li>{@code PUT /{name} {"subject", "text"?, "html"?}}: saves the next version (201 with it; version 1 for a new
 *       name), once every part compiles; a part that does not is a 400 naming it.
 *   <li>{@code GET}: the newest version of each; {@code GET /{name}?version=}: one version (the newest without one);
 *       {@code GET /{name}/versions}: all of them.
 *   <li>{@code POST /{name}/render {"data": {…}, "version"?}}: what a message with this data would say (preview);
 *       {@code GET /{name}/preview?data=&images=}: its HTML part as a page, for the web UI's preview frame.
 *   <li>{@code DELETE /{name}}: every version; messages already sent keep what they were sent as.
 * </ul>
 *
 * Another tenant's template is a 404 like one that does not exist.
 */
@Path("templates")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class TemplatesResource {

    @EJB
    private TemplateStore templates;

    @Context
    private SecurityContext security;

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("name") String name, JsonObject body) throws ConflictException {
        TenantId tenant = CallingTenant.of(security);
        RequestFields fields = new RequestFields(body);
        Optional<TemplateName> templateName = parseName(fields, name);
        Optional<TemplateContent> content = TemplateRequest.parts(fields, body);
        FilesOfNewVersion files = TemplateRequest.files(fields, body);
        fields.check();
        try {
            TemplateVersion saved = templates.save(tenant, templateName.orElseThrow(), content.orElseThrow(), files);
            return Response.status(201)
                    .entity(withFiles(tenant, saved).build().toString())
                    .build();
        } catch (TemplateException e) {
            throw invalid("", e);
        }
    }

    @GET
    public String list() {
        JsonArrayBuilder list = CachedJson.createArrayBuilder();
        templates.latest(CallingTenant.of(security)).forEach(version -> list.add(json(version)));
        return CachedJson.createObjectBuilder().add("templates", list).build().toString();
    }

    @GET
    @Path("{name}")
    public String get(@PathParam("name") String name, @QueryParam("version") String version)
            throws NoSuchEntryException {
        return withFiles(CallingTenant.of(security), find(name, version))
                .build()
                .toString();
    }

    @GET
    @Path("{name}/versions")
    public String versions(@PathParam("name") String name) throws NoSuchEntryException {
        List<TemplateVersion> all = templates.versions(CallingTenant.of(security), name(name));
        if (all.isEmpty()) {
            throw new NoSuchEntryException("no template " + name);
        }
        JsonArrayBuilder list = CachedJson.createArrayBuilder();
        all.forEach(version -> list.add(json(version)));
        return CachedJson.createObjectBuilder().add("versions", list).build().toString();
    }

    @POST
    @Path("{name}/render")
    @Consumes(MediaType.APPLICATION_JSON)
    public String render(@PathParam("name") String name, JsonObject body) throws NoSuchEntryException {
        RequestFields fields = new RequestFields(body);
        Optional<Integer> version = fields.optionalPositive("version");
        Map<String, Object> data = data(fields, body, "data");
        fields.check();
        TemplateVersion template = templates.find(CallingTenant.of(security), name(name), version);
        RenderedMessage rendered = rendered(template, data);
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("name", template.name().value())
                .add("version", template.version())
                .add("subject", rendered.subject());
        rendered.text().ifPresent(text -> json.add("text", text));
        rendered.html().ifPresent(html -> json.add("html", html));
        return json.build().toString();
    }

    /**
     * The template rendered with {@code data}, as a message would say it: what the render, preview and checks requests
     * look at. A variable missing from the data is a 400 naming {@code data}.
     */
    public static RenderedMessage rendered(TemplateVersion template, Map<String, Object> data) {
        try {
            return CompiledTemplate.of(template.content()).render(data);
        } catch (TemplateException e) {
            throw invalid("data", e);
        }
    }

    /**
     * {@code GET /{name}/preview?version=&images=on|off&part=html|text&data={json}}: the HTML part (or the text part)
     * as a message with this data would show it, as a page of its own for the UI's preview frame. It runs nothing and loads nothing but, with {@code
     * images=on}, its images: {@code default-src 'none'}, the message's inline styles allowed as mail clients allow
     * them, framed only by this server's own pages. A template without an HTML part shows its text.
     */
    @GET
    @Path("{name}/preview")
    @Produces(MediaType.TEXT_HTML)
    public Response preview(
            @PathParam("name") String name,
            @QueryParam("version") String version,
            @QueryParam("images") String images,
            @QueryParam("part") String part,
            @QueryParam("data") String data)
            throws NoSuchEntryException {
        boolean text = "text".equals(part);
        if (part != null && !text && !"html".equals(part)) {
            throw ProblemException.invalid(List.of(new InvalidParam("part", "html or text")));
        }
        TemplateVersion template = find(name, version);
        Map<String, Object> variables;
        try (JsonReader reader = CachedJson.createReader(new StringReader(data == null ? "{}" : data))) {
            variables = JsonData.of(reader.readObject());
        } catch (JsonException | ClassCastException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("data", "must be a JSON object of variables")));
        }
        RenderedMessage rendered = rendered(template, variables);
        String page = rendered.html()
                .filter(html -> !text)
                .orElseGet(() -> "<pre>" + Entities.escape(rendered.text().orElse("")) + "</pre>");
        String imageSources = "on".equals(images) ? "img-src * data:; " : "img-src data:; ";
        return Response.ok(page)
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; " + imageSources
                                + "frame-ancestors 'self'; sandbox")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) throws NoSuchEntryException {
        templates.delete(CallingTenant.of(security), name(name));
        return Response.noContent().build();
    }

    /**
     * The object member {@code name} of {@code body} as template data; absent or null is no data, anything but an
     * object is rejected in {@code fields}.
     */
    public static Map<String, Object> data(RequestFields fields, JsonObject body, String name) {
        if (body == null || !body.containsKey(name) || body.isNull(name)) {
            return Map.of();
        }
        if (!(body.get(name) instanceof JsonObject object)) {
            fields.reject(name, "must be an object of the template's variables");
            return Map.of();
        }
        return JsonData.of(object);
    }

    /** A 400 naming the part ({@code field} when the data is at fault, the part itself otherwise) and why. */
    public static ProblemException invalid(String field, TemplateException e) {
        String name = field.isEmpty() ? e.part() : field;
        String reason = field.isEmpty() ? e.getMessage() : e.part() + ": " + e.getMessage();
        return ProblemException.invalid(List.of(new InvalidParam(name, reason)));
    }

    private TemplateVersion find(String name, String version) throws NoSuchEntryException {
        Optional<Integer> wanted;
        try {
            wanted = version == null ? Optional.empty() : Optional.of(Integer.parseInt(version));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(List.of(new InvalidParam("version", "must be a version number")));
        }
        return templates.find(CallingTenant.of(security), name(name), wanted);
    }

    // A name that cannot exist is not found, like one that does not.
    public static TemplateName name(String name) throws NoSuchEntryException {
        try {
            return new TemplateName(name);
        } catch (IllegalArgumentException e) {
            throw new NoSuchEntryException("no template " + name);
        }
    }

    private static Optional<TemplateName> parseName(RequestFields fields, String name) {
        try {
            return Optional.of(new TemplateName(name));
        } catch (IllegalArgumentException e) {
            fields.reject("name", e.getMessage());
            return Optional.empty();
        }
    }

    // One version as GET shows it: with its files' names, types and sizes (their bytes go out only in messages).
    private JsonObjectBuilder withFiles(TenantId tenant, TemplateVersion version) {
        JsonArrayBuilder files = CachedJson.createArrayBuilder();
        for (TemplateFile file : templates.files(tenant, version.name(), version.version())) {
            JsonObjectBuilder entry = CachedJson.createObjectBuilder()
                    .add("fileName", file.fileName())
                    .add("contentType", file.contentType())
                    .add("size", file.content().length);
            file.contentId().ifPresent(id -> entry.add("contentId", id));
            files.add(entry);
        }
        return json(version).add("attachments", files);
    }

    static JsonObjectBuilder json(TemplateVersion version) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("name", version.name().value())
                .add("version", version.version())
                .add("createdAt", version.createdAt().toString())
                .add("subject", version.content().subject());
        version.content().text().ifPresent(text -> json.add("text", text));
        version.content().html().ifPresent(html -> json.add("html", html));
        return json;
    }
}
