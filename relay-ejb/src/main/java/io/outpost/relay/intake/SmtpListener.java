package io.outpost.relay.intake;

import io.outpost.api.mail.Domain;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.delivery.DeliveryScheduler;
import io.outpost.relay.queue.GroupCommitter;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.StoredMessage;
import io.outpost.relay.smtp.RelayPolicy;
import io.outpost.relay.smtp.SmtpServer;
import io.outpost.relay.smtp.SmtpSettings;
import io.outpost.relay.smtp.auth.AuthThrottle;
import io.outpost.relay.smtp.auth.SenderPolicy;
import io.outpost.relay.smtp.auth.SendingLimits;
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
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Hosts the SMTP listener in the application: the accept loop and every session run on threads of a managed thread
 * factory, so they carry the application's context (JNDI, class loader) into the queue's EJB calls.
 */
@Singleton
@Startup
@DependsOn("DeliveryScheduler")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmtpListener {

    private static final Logger LOG = Logger.getLogger(SmtpListener.class.getName());

    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);

    @Resource(lookup = "concurrent/outpost/smtpThreads")
    private ManagedThreadFactory threads;

    @Inject
    private RelayConfiguration config;

    @EJB
    private QueueStore queue;

    @EJB
    private DeliveryScheduler delivery;

    private GroupCommitter<NewMessage, StoredMessage> committer;
    private SmtpServer server;

    @PostConstruct
    void start() {
        SmtpSettings settings = settings();
        committer = new GroupCommitter<>("intake", config.queueCommitBatch(), queue::store, threads);
        server = new SmtpServer(settings, new QueueingAcceptor(committer, delivery::dispatch, COMMIT_TIMEOUT), threads);
        try {
            server.start(config.smtpBindAddress());
        } catch (IOException e) {
            committer.close();
            throw new UncheckedIOException("cannot listen for SMTP on " + config.smtpBindAddress(), e);
        }
        LOG.info(() -> "SMTP listening on " + config.smtpBindAddress().getHostString() + ":" + server.port() + " as "
                + settings.hostname() + "; relay policy " + settings.relayPolicy());
    }

    private SmtpSettings settings() {
        return new SmtpSettings(
                config.hostname(),
                config.smtpMaxLineLength(),
                config.smtpMaxMessageSize(),
                config.smtpMaxRecipients(),
                config.smtpCommandTimeout(),
                config.smtpDataTimeout(),
                config.smtpMaxConnections(),
                config.smtpMaxConnectionsPerClient(),
                config.smtpBareLineEndings(),
                RelayPolicy.of(
                        config.smtpTrustedNetworks(),
                        config.smtpLocalDomains().stream().map(Domain::of).toList()),
                true,
                Optional.empty(),
                Optional.empty(),
                AuthThrottle.withDefaultLimits(),
                SenderPolicy.ALLOW_ALL,
                SendingLimits.UNLIMITED);
    }

    @PreDestroy
    void stop() {
        server.close();
        committer.close();
    }
}
