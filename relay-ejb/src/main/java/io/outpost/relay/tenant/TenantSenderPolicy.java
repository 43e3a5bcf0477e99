package io.outpost.relay.tenant;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderFrom;
import io.outpost.relay.rules.SenderPolicy;
import io.outpost.relay.smtp.auth.Identity;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sender binding: an authenticated identity may use as envelope sender and in the From: header only addresses in one
 * of its tenant's sending domains or their subdomains. The null sender {@code <>} is allowed (bounces and other
 * notifications, RFC 5321 §4.5.5); its From: header is still checked. A tenant that does not exist (an htpasswd
 * plugin's tenant without a row) or has no domains may send nothing.
 */
public final class TenantSenderPolicy implements SenderPolicy {

    private final Function<TenantId, Optional<List<Domain>>> sendingDomains;

    /** @param sendingDomains a tenant's sending domains, empty if there is no such tenant */
    public TenantSenderPolicy(Function<TenantId, Optional<List<Domain>>> sendingDomains) {
        this.sendingDomains = sendingDomains;
    }

    static SmtpReply noSendingDomains() {
        return SmtpReply.of(
                550, "5.7.1", "Your account has no sending domains: ask the relay's administrator to add them");
    }

    @Override
    public Optional<SmtpReply> checkSender(Identity identity, ReversePath sender) {
        if (sender.isNull()) {
            return Optional.empty();
        }
        List<Domain> owned = domainsOf(identity);
        if (owned.isEmpty()) {
            return Optional.of(noSendingDomains());
        }
        Domain domain = sender.mailbox().orElseThrow().domain();
        if (within(domain, owned)) {
            return Optional.empty();
        }
        return Optional.of(SmtpReply.of(
                550, "5.7.1", "Sender address " + sender.toSmtp() + " is not a sending domain of your account"));
    }

    @Override
    public Optional<SmtpReply> checkHeaderFrom(Identity identity, MessageHeaders headers) {
        List<Domain> owned = domainsOf(identity);
        if (owned.isEmpty()) {
            return Optional.of(noSendingDomains());
        }
        List<Domain> from = HeaderFrom.domains(headers);
        if (from.isEmpty()) {
            // RFC 5322 §3.6: exactly one From: field; a missing, repeated or unreadable one could hide a forged sender.
            return Optional.of(SmtpReply.of(
                    550, "5.7.1", "From: header missing, repeated or unreadable: exactly one is required"));
        }
        for (Domain domain : from) {
            if (!within(domain, owned)) {
                return Optional.of(SmtpReply.of(
                        550, "5.7.1", "From: domain " + domain + " is not a sending domain of your account"));
            }
        }
        return Optional.empty();
    }

    private List<Domain> domainsOf(Identity identity) {
        return sendingDomains.apply(identity.tenant()).orElse(List.of());
    }

    private static boolean within(Domain domain, List<Domain> owned) {
        return owned.stream().anyMatch(domain::isWithin);
    }
}
