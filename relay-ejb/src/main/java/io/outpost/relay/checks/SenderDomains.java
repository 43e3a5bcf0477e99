package io.outpost.relay.checks;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.dnsauth.DmarcLookup;
import io.outpost.relay.dnsauth.DmarcLookupException;
import io.outpost.relay.dnsauth.DmarcPolicy;
import io.outpost.relay.dnsauth.DnsLookups;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.sending.DomainStore;
import io.outpost.relay.sending.SendingDomainView;
import io.outpost.relay.tenant.NoSuchEntryException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Reads a From domain's {@link SenderAuthentication}: the sending domain as the last DNS check of {@code sending/}
 * left it, and its DMARC policy looked up now with the resolver and discovery that check uses (RFC 7489 §6.6.3).
 */
@ApplicationScoped
public class SenderDomains {

    @EJB
    private DomainStore store;

    @Inject
    private RelayConfiguration config;

    private DmarcLookup dmarc;

    @PostConstruct
    void create() {
        dmarc = new DmarcLookup(
                new DnsLookups(config.deliveryDnsServers(), config.deliveryDnsTimeout()), new MinimalPublicSuffixes());
    }

    SenderAuthentication of(TenantId tenant, Domain from) {
        List<SendingDomainView> domains;
        try {
            domains = store.domains(tenant);
        } catch (NoSuchEntryException e) {
            domains = List.of();
        }
        Optional<SendingDomainView> own =
                domains.stream().filter(view -> view.domain().equals(from)).findFirst();
        List<Domain> names = domains.stream().map(SendingDomainView::domain).toList();
        try {
            Optional<DmarcPolicy> policy = dmarc.find(from);
            return new SenderAuthentication(from, names, own, policy, Optional.empty(), false);
        } catch (DmarcLookupException e) {
            return new SenderAuthentication(
                    from, names, own, Optional.empty(), Optional.of(e.getMessage()), e.temporary());
        }
    }
}
