package io.outpost.relay.intake;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.content.Spool;
import io.outpost.relay.plugin.PluginChain;
import io.outpost.relay.plugin.PluginLoadException;
import io.outpost.relay.plugin.PluginRegistry;
import io.outpost.relay.plugin.PluginSettings;
import io.outpost.relay.smtp.LogText;
import io.outpost.relay.smtp.RelayPolicy;
import io.outpost.relay.smtp.SessionTimeLimits;
import io.outpost.relay.smtp.SmtpServer;
import io.outpost.relay.smtp.SmtpSettings;
import io.outpost.relay.smtp.UnauthenticatedLimits;
import io.outpost.relay.smtp.auth.AuthThrottle;
import io.outpost.relay.tenant.CredentialSendingLimits;
import io.outpost.relay.tenant.CredentialStates;
import io.outpost.relay.tenant.CredentialStoreCheck;
import io.outpost.relay.tenant.RevokedCredentialPolicy;
import io.outpost.relay.tenant.Secrets;
import io.outpost.relay.tenant.TenantStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * Hosts the SMTP listener in the application: the accept loop and every session run on threads of a managed thread
 * factory, so they carry the application's context (JNDI, class loader) into the queue's EJB calls.
 */
@Singleton
@Startup
@DependsOn("Intake")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmtpListener {

    private static final Logger LOG = Logger.getLogger(SmtpListener.class.getName());

    @Resource(lookup = "concurrent/outpost/smtpThreads")
    private ManagedThreadFactory threads;

    @Inject
    private Spool spool;

    @Inject
    private RelayConfiguration config;

    @EJB
    private Intake intake;

    @EJB
    private TenantStore tenants;

    @Inject
    private Secrets secrets;

    @Inject
    private CredentialStates credentialStates;

    // One throttle for every session and both ports, and the one the admin API shows.
    private final AuthThrottle authThrottle = AuthThrottle.withDefaultLimits();

    private PluginRegistry plugins;
    private ExecutorService pluginCalls;
    private SmtpServer server;

    @PostConstruct
    void start() {
        plugins = loadPlugins();
        pluginCalls = Executors.newCachedThreadPool(threads);
        SmtpSettings settings = settings();
        server = new SmtpServer(settings, intake.acceptor(), threads);
        Optional<InetSocketAddress> implicitTls =
                settings.tls().isPresent() ? config.smtpImplicitTlsAddress() : Optional.empty();
        try {
            server.start(config.smtpBindAddress(), implicitTls);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot listen for SMTP on " + config.smtpBindAddress(), e);
        }
        LOG.info(() -> "SMTP ready as " + settings.hostname() + ": "
                + (settings.tls().isPresent()
                        ? "STARTTLS and AUTH offered"
                                + implicitTls
                                        .map(a -> ", implicit TLS on port " + server.implicitTlsPort())
                                        .orElse("")
                        : "no TLS certificate, so no STARTTLS and no AUTH"));
    }

    private PluginRegistry loadPlugins() {
        List<String> authentication = config.pluginsAuthentication();
        PluginSettings settings = PluginSettings.NONE.withAuthenticationChecks(authentication);
        for (Map.Entry<String, Map<String, String>> plugin :
                config.pluginSettings(authentication).entrySet()) {
            settings = settings.withConfig(plugin.getKey(), plugin.getValue());
        }
        // The plugin folder is a Liberty library of this application (server.xml), so the application's own class
        // loader finds its jars: the registry needs no folder of its own here.
        // The built-in credential store is an authentication check like the plugins, placed by the same list.
        CredentialStoreCheck store = new CredentialStoreCheck(
                tenants::activeCredential, tenants::recordCredentialUse, secrets, Clock.systemUTC());
        try {
            return PluginRegistry.load(settings, getClass().getClassLoader(), List.of(store));
        } catch (PluginLoadException e) {
            throw new IllegalStateException("plugins: " + e.getMessage(), e);
        }
    }

    private SmtpSettings settings() {
        SmtpSettings settings = SmtpSettings.defaults(config.hostname())
                .withMaxCommandLineOctets(config.smtpMaxLineLength())
                .withMaxMessageOctets(config.smtpMaxMessageSize())
                .withMaxRecipients(config.smtpMaxRecipients())
                .withTimeouts(config.smtpCommandTimeout(), config.smtpDataTimeout())
                .withConnectionLimits(config.smtpMaxConnections(), config.smtpMaxConnectionsPerClient())
                .withBareLineEndings(config.smtpBareLineEndings())
                .withTimeLimits(new SessionTimeLimits(
                        config.smtpTlsHandshakeTimeout(),
                        config.smtpMaxSessionDuration(),
                        config.smtpCommandTimeLimit(),
                        config.smtpDataTimeLimit()))
                .withUnauthenticatedLimits(new UnauthenticatedLimits(
                        config.smtpMaxUnauthenticatedMessageSize(), config.smtpUnauthenticatedMessagesPerMinute()))
                .withRelayPolicy(RelayPolicy.of(
                        config.smtpTrustedNetworks(),
                        config.smtpLocalDomains().stream().map(Domain::of).toList()))
                .withAuthThrottle(authThrottle)
                .withSenderPolicy(new RevokedCredentialPolicy(intake.senderPolicy(), credentialStates::smtpCredential))
                .withSendingLimits(new CredentialSendingLimits(credentialStates::smtpCredential, Clock.systemUTC()))
                .withSpool(spool);
        Optional<SSLContext> tls = LibertyTls.context(config.tlsSslRef());
        if (tls.isEmpty()) {
            return settings;
        }
        PluginChain<AuthenticationCheck, AuthenticationResult> checks = PluginChain.authentication(
                plugins.authenticationChecks(),
                config.pluginsTimeLimit(),
                pluginCalls,
                decision -> LOG.info(() -> "plugin decision: " + LogText.of(decision)),
                Clock.systemUTC());
        return settings.withTls(tls.get()).withAuthenticator(new PluginAuthenticator(checks));
    }

    /** The AUTH throttle all sessions share, for the admin API. */
    public AuthThrottle authThrottle() {
        return authThrottle;
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
        }
        if (pluginCalls != null) {
            pluginCalls.shutdownNow();
        }
        if (plugins != null) {
            plugins.close();
        }
    }
}
