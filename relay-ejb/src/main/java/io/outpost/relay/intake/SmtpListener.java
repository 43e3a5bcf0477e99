package io.outpost.relay.intake;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.content.Spool;
import io.outpost.relay.login.SmtpLogins;
import io.outpost.relay.plugin.PluginHost;
import io.outpost.relay.smtp.SessionTimeLimits;
import io.outpost.relay.smtp.SmtpServer;
import io.outpost.relay.smtp.SmtpSettings;
import io.outpost.relay.smtp.UnauthenticatedLimits;
import io.outpost.relay.tenant.SendingDefaults;
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
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * Hosts the SMTP listener in the application: the accept loop and every session run on threads of a managed thread
 * factory, so they carry the application's context (JNDI, class loader) into the queue's EJB calls.
 */
@Singleton
@Startup
@DependsOn({"Intake", "PluginHost"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmtpListener {

    private static final Logger LOG = Logger.getLogger(SmtpListener.class.getName());

    @Resource(lookup = "concurrent/outpost/smtpThreads")
    private ManagedThreadFactory threads;

    @Inject
    private Spool spool;

    @Inject
    private SendingDefaults defaults;

    @Inject
    private RelayConfiguration config;

    @EJB
    private Intake intake;

    @Inject
    private SmtpLogins logins;

    @EJB
    private PluginHost plugins;

    private SmtpServer server;

    @PostConstruct
    void start() {
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
                .withRelayPolicy(plugins.relayPolicy())
                .withAuthThrottle(logins.throttle())
                .withSubmission(plugins.submission())
                .withStreamDefaults(defaults::ofSender)
                .withSpool(spool);
        Optional<SSLContext> tls = LibertyTls.context(config.tlsSslRef());
        if (tls.isEmpty()) {
            return settings;
        }
        return settings.withTls(tls.get()).withAuthenticator(new PluginAuthenticator(plugins.authentication()));
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
        }
    }
}
