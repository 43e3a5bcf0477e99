package io.outpost.relay.template;

import java.time.Instant;

/** One saved version of a template, as the API shows it and messages use it. */
public record TemplateVersion(TemplateName name, int version, TemplateContent content, Instant createdAt) {}
