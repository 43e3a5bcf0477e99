package io.outpost.web.messages;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.template.CompiledTemplate;
import io.outpost.relay.template.RenderedMessage;
import io.outpost.relay.template.TemplateException;
import io.outpost.relay.template.TemplateName;
import io.outpost.relay.template.TemplateStore;
import io.outpost.relay.template.TemplateVersion;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.templates.TemplatesResource;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sending request's {@code "template": {"name": "welcome", "version": 3, "data": {"firstName": "Ann"}}} (version
 * optional: the newest; data optional), in place of {@code subject}, {@code text} and {@code html}.
 *
 * @param data the variables, the same for every recipient (a batch gives each recipient its own besides)
 */
record TemplateUse(TemplateName name, Optional<Integer> version, Map<String, Object> data) {

    static final String FIELD = "template";

    /** The request's template, if it names one; a 400 naming the member for a malformed one. */
    static Optional<TemplateUse> parse(JsonObject body) {
        if (body == null || !body.containsKey(FIELD) || body.isNull(FIELD)) {
            return Optional.empty();
        }
        RequestFields outer = new RequestFields(body);
        if (!(body.get(FIELD) instanceof JsonObject template)) {
            outer.reject(FIELD, "must be an object with the template's name, and optionally its version and data");
            outer.check();
            return Optional.empty();
        }
        RequestFields fields = new RequestFields(template);
        Optional<TemplateName> name = fields.required("name", TemplateName::new);
        Optional<Integer> version = fields.optionalPositive("version");
        Map<String, Object> data = TemplatesResource.data(fields, template, "data");
        try {
            fields.check();
        } catch (ProblemException e) {
            // Named as members of "template", as the caller wrote them.
            throw ProblemException.invalid(e.problem().invalidParams().stream()
                    .map(p -> new InvalidParam(FIELD + "." + p.name(), p.reason()))
                    .toList());
        }
        return Optional.of(new TemplateUse(name.orElseThrow(), version, data));
    }

    /**
     * The tenant's template, compiled, with its version's files; a 400 naming {@code template.name} if the tenant has
     * none of that name.
     */
    TemplateForSending compile(TemplateStore templates, TenantId tenant) {
        TemplateVersion found;
        try {
            found = templates.find(tenant, name, version);
        } catch (NoSuchEntryException e) {
            throw ProblemException.invalid(List.of(new InvalidParam(FIELD + ".name", e.getMessage())));
        }
        try {
            return new TemplateForSending(
                    CompiledTemplate.of(found.content()),
                    templates.files(tenant, name, found.version()).stream()
                            .map(Attachment::of)
                            .toList());
        } catch (TemplateException e) {
            // Saved templates compiled when saved; this is one saved by an older release with other rules.
            throw ProblemException.invalid(
                    List.of(new InvalidParam(FIELD + ".name", e.part() + ": " + e.getMessage())));
        }
    }

    /** The message with this use's data; a 400 naming {@code template.data} and the part that failed. */
    RenderedMessage render(CompiledTemplate template) {
        try {
            return template.render(data);
        } catch (TemplateException e) {
            throw TemplatesResource.invalid(FIELD + ".data", e);
        }
    }
}
