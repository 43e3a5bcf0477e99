package io.outpost.relay.bootstrap;

import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.sending.DomainStore;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.relay.tenant.TenantStore;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * First start: creates the admin account and, optionally, a demo tenant with one SMTP user, each only if absent, from
 * the {@code outpost.bootstrap.*} settings. Log lines say what exists; they never contain a password. Without an admin
 * password no admin account is created (a generated one would have to be shown somewhere).
 */
@Singleton
@Startup
@DependsOn("SchemaUpgrade")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject
    private RelayConfiguration config;

    @EJB
    private TenantStore store;

    @EJB
    private DomainStore domains;

    @PostConstruct
    void bootstrap() {
        admin();
        demoTenant();
    }

    private void admin() {
        String user = config.bootstrapAdminUser();
        char[] password = config.bootstrapAdminPassword();
        try {
            if (store.adminPasswordHash(user).isPresent()) {
                LOG.info(() -> "admin account " + user + " exists");
            } else if (password.length == 0) {
                LOG.warning(() -> "no admin account " + user + ": the admin API refuses everyone until you set"
                        + " OUTPOST_BOOTSTRAP_ADMIN_PASSWORD (variable outpost.bootstrap.admin-password) and restart");
            } else {
                store.createAdminIfAbsent(user, password);
                LOG.info(() -> "admin account " + user + " created from outpost.bootstrap.admin-password");
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void demoTenant() {
        Optional<TenantId> tenant = config.bootstrapTenant();
        if (tenant.isEmpty()) {
            return;
        }
        TenantId id = tenant.get();
        if (store.entity(id).isPresent()) {
            LOG.info(() -> "tenant " + id + " exists");
        } else {
            try {
                domains.createTenant(id, id.value(), config.bootstrapTenantDomains(), config.dkimEd25519());
                LOG.info(() -> "tenant " + id + " created with sending domains " + config.bootstrapTenantDomains());
            } catch (ConflictException e) {
                // Another node of the cluster created it (or a domain) first.
                LOG.info(() -> "tenant " + id + " not created: " + e.getMessage());
            }
        }
        Optional<CredentialId> user = config.bootstrapSmtpUser();
        char[] password = config.bootstrapSmtpPassword();
        try {
            if (user.isEmpty()) {
                return;
            }
            if (password.length == 0) {
                LOG.warning(() -> "SMTP user " + user.get() + " not created: outpost.bootstrap.smtp-password is empty");
                return;
            }
            boolean created = store.createCredentialIfAbsent(id, user.get(), password);
            LOG.info(() -> "SMTP user " + user.get() + " of tenant " + id + (created ? " created" : " exists"));
        } catch (NoSuchEntryException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
