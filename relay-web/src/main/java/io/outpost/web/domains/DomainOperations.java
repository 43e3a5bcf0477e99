package io.outpost.web.domains;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.sending.DomainChecks;
import io.outpost.relay.sending.DomainStore;
import io.outpost.relay.sending.SendingDomainNames;
import io.outpost.relay.sending.SendingDomainView;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.json.RequestFields;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * What the admin's and the tenant's domain resources do, for the tenant they name. A domain of another tenant is
 * answered exactly like one that does not exist.
 */
@ApplicationScoped
public class DomainOperations {

    /** Most events one request returns. */
    private static final int EVENT_PAGE = 200;

    @EJB
    private DomainStore store;

    @EJB
    private DomainChecks checks;

    @Inject
    private RelayConfiguration config;

    public String list(TenantId tenant) throws NoSuchEntryException {
        return DomainJson.list(store.domains(tenant));
    }

    /**
     * {@code {"domain": "mail.example.com", "returnPathDomain": "bounces.mail.example.com", "ed25519": true}}
     * (the last two optional) → 201 with the domain and its records to publish.
     */
    public Response add(TenantId tenant, JsonObject body, UriInfo uri) throws NoSuchEntryException, ConflictException {
        RequestFields fields = new RequestFields(body);
        Optional<Domain> domain = fields.required("domain", SendingDomainNames::parse);
        Optional<Domain> returnPath = fields.optional("returnPathDomain", SendingDomainNames::returnPath);
        Optional<Boolean> ed25519 = fields.optionalBoolean("ed25519");
        if (domain.isPresent() && returnPath.isPresent() && !properSubdomain(returnPath.get(), domain.get())) {
            // RFC 7489 §3.1.2: only a return path under the From: domain lets SPF align; its MX must be Outpost's.
            fields.reject("returnPathDomain", "must be a subdomain of " + domain.get());
        }
        fields.check();
        SendingDomainView added =
                store.addDomain(tenant, domain.orElseThrow(), returnPath, ed25519.orElseGet(config::dkimEd25519));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(added.domain().name()).build())
                .entity(DomainJson.domain(added).toString())
                .build();
    }

    public String get(TenantId tenant, String domain) throws NoSuchEntryException {
        return DomainJson.domain(store.domain(tenant, domain(tenant, domain))).toString();
    }

    public Response remove(TenantId tenant, String domain) throws NoSuchEntryException {
        store.removeDomain(tenant, domain(tenant, domain));
        return Response.noContent().build();
    }

    /** Checks the records in DNS now, instead of at the next periodic check. */
    public String check(TenantId tenant, String domain) throws NoSuchEntryException {
        long id = store.id(tenant, domain(tenant, domain));
        SendingDomainView checked =
                checks.check(id).orElseThrow(() -> new NoSuchEntryException("no sending domain " + domain));
        return DomainJson.domain(checked).toString();
    }

    public String rotate(TenantId tenant, String domain) throws NoSuchEntryException, ConflictException {
        return DomainJson.domain(store.rotate(tenant, domain(tenant, domain))).toString();
    }

    /**
     * {@code {"trackingHost": "click.shop.example"}} (or {@code null} to remove it): the domain's own name for its
     * tracked links, a name under the domain; its CNAME record is listed with the others and checked at once.
     */
    public String trackingHost(TenantId tenant, String domain, JsonObject body) throws NoSuchEntryException {
        Domain sending = domain(tenant, domain);
        RequestFields fields = new RequestFields(body);
        Optional<Domain> host = fields.optional("trackingHost", Domain::of);
        if (body == null || !body.containsKey("trackingHost")) {
            fields.reject("trackingHost", "required: a name under " + sending.name() + ", or null to remove it");
        } else if (host.isPresent() && !properSubdomain(host.get(), sending)) {
            fields.reject(
                    "trackingHost", "must be a name under " + sending.name() + ", such as click." + sending.name());
        }
        fields.check();
        store.trackingHost(tenant, sending, host);
        return check(tenant, domain);
    }

    public String events(TenantId tenant, String domain) throws NoSuchEntryException {
        return DomainJson.events(store.events(tenant, domain(tenant, domain), EVENT_PAGE));
    }

    // A malformed name in the path names no domain: 404, like an unknown one.
    private static Domain domain(TenantId tenant, String name) throws NoSuchEntryException {
        try {
            return Domain.of(name);
        } catch (IllegalArgumentException e) {
            throw new NoSuchEntryException("tenant " + tenant + " has no sending domain " + name);
        }
    }

    private static boolean properSubdomain(Domain candidate, Domain parent) {
        return candidate.isWithin(parent) && !candidate.equals(parent);
    }
}
