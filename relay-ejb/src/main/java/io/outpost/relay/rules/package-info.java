/**
 * The relay's own rules for submitted mail, each an ordinary {@link io.outpost.api.plugin.SubmissionPolicy} placed by
 * name in {@code outpost.plugins.submission} like an operator's: relay control, sender binding, loop detection, DKIM
 * readiness, DMARC alignment and sending limits ({@link io.outpost.relay.rules.BuiltInRules}). They run on the caller's
 * thread ({@link io.outpost.relay.plugin.InlinePlugin}). May depend on {@code smtp} (who may relay), {@code sending}
 * (signing profiles), {@code content} and {@code plugin}; nothing here depends on EJB, CDI or JPA.
 */
package io.outpost.relay.rules;
