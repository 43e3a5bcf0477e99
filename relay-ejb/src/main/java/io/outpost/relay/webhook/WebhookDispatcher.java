package io.outpost.relay.webhook;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.config.WebhookSettings;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.EventPage;
import io.outpost.relay.queue.QueueStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends every tenant's events to its webhook endpoints. Each second it claims the endpoints that are due and hands each
 * to its own pool of {@code outpost.webhooks.threads} threads: webhook work never takes a thread of mail's, and a slow
 * endpoint holds one webhook thread at most. An endpoint is sent the events after its cursor, in stream order, one
 * request per event; the first failure stops it, and it is tried again after an exponential backoff with the same
 * event, so a receiver that was down gets everything later in order. One that keeps failing for {@code
 * outpost.webhooks.give-up-after} is disabled, which its log records. Delivery is at least once: a receiver dedupes by
 * the event id.
 */
@Singleton
@Startup
@DependsOn("SchemaUpgrade")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    /** Events read and sent per endpoint per turn. */
    private static final int BATCH = 50;

    /** How long a claim keeps other nodes off an endpoint: longer than a batch to a slow endpoint takes. */
    private static final Duration LEASE = Duration.ofMinutes(30);

    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration LOG_SWEEP = Duration.ofHours(1);

    @Resource
    private TimerService timers;

    @Resource(lookup = "concurrent/outpost/deliveryThreads")
    private ManagedThreadFactory threads;

    @EJB
    private WebhookStore store;

    @EJB
    private QueueStore queue;

    @Inject
    private RelayConfiguration config;

    private final Clock clock = Clock.systemUTC();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private WebhookSettings settings;
    private WebhookUrls urls;
    private WebhookSender sender;
    private ExecutorService pool;
    private ExecutorService http;
    private String node;
    private volatile Instant lastLogSweep = Instant.EPOCH;

    @PostConstruct
    void start() {
        settings = config.webhooks();
        node = config.nodeId();
        urls = new WebhookUrls(settings.allowHttp(), settings.allowPrivateAddresses(), InetAddress::getAllByName);
        // Bounded: at most one endpoint per thread, and as many waiting as there are threads.
        pool = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(settings.threads()),
                threads);
        // The HTTP client's own work (connection set-up, timers) on two threads of its own.
        http = Executors.newFixedThreadPool(2, threads);
        sender = new WebhookSender(http, clock);
        // Claims this node held when it stopped would keep its endpoints waiting for the whole lease.
        store.release(node, Optional.empty());
        timers.createIntervalTimer(TICK.toMillis(), TICK.toMillis(), new TimerConfig("outpost-webhooks", false));
        LOG.info(() -> "webhooks: sent on " + settings.threads() + " threads"
                + (settings.allowHttp() ? "; plain http allowed" : "")
                + (settings.allowPrivateAddresses() ? "; private and loopback addresses allowed" : ""));
    }

    /** The URL checks endpoints are registered with, the same as each request's. */
    public WebhookUrls urls() {
        return urls;
    }

    @Timeout
    void tick() {
        try {
            int room = settings.threads() * 2 - inFlight.size();
            if (room > 0) {
                for (WebhookStore.Due due : store.claimDue(node, clock.instant(), LEASE, room)) {
                    submit(due);
                }
            }
            sweepLog();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webhooks: the due endpoints could not be read; the next tick tries again", e);
        }
    }

    private void submit(WebhookStore.Due due) {
        if (!inFlight.add(due.id())) {
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    send(due);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "webhooks: sending to endpoint " + due.id() + " failed", e);
                    retryLater(due, e);
                } finally {
                    inFlight.remove(due.id());
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(due.id());
            store.release(node, Optional.of(due.id()));
        }
    }

    // A failure of the relay's own (the database, say) counts as one of the endpoint's, so it is tried again after the
    // backoff rather than when its claim runs out; if even that cannot be written, the claim runs out.
    private void retryLater(WebhookStore.Due due, RuntimeException cause) {
        try {
            failed(
                    due,
                    due.cursor(),
                    new WebhookSender.Result(
                            false,
                            Optional.empty(),
                            "not sent: " + cause.getClass().getSimpleName() + " in Outpost",
                            Duration.ZERO));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "webhooks: endpoint " + due.id() + " is tried again when its claim runs out", e);
        }
    }

    private void send(WebhookStore.Due due) {
        long cursor = due.cursor();
        // Read before the page: every position up to the head is committed by then (they are handed out in order), so
        // a page that ends before BATCH has read all of this tenant's events up to it.
        long head = store.streamHead();
        EventPage page = queue.events(due.tenant(), cursor, BATCH);
        for (EventPage.Event event : page.events()) {
            if (!due.events().isEmpty() && !due.events().contains(event.kind())) {
                cursor = event.position();
                continue;
            }
            WebhookSender.Result result = sendOne(due, event);
            store.log(due.id(), event.id(), event.position(), result, clock.instant());
            if (!result.sent()) {
                failed(due, cursor, result);
                return;
            }
            cursor = event.position();
        }
        if (page.events().size() < BATCH) {
            // The stream's other tenants' events lie between: skip them, so an idle endpoint is not claimed each tick.
            cursor = Math.max(cursor, head);
        }
        store.progressed(due.id(), node, cursor, clock.instant());
    }

    private WebhookSender.Result sendOne(WebhookStore.Due due, EventPage.Event event) {
        try {
            // Again before each request: the name may point elsewhere now than when the endpoint was registered.
            urls.check(due.url().toString());
        } catch (WebhookUrls.RefusedUrl e) {
            return new WebhookSender.Result(
                    false, Optional.empty(), "not sent: the URL " + e.getMessage(), Duration.ZERO);
        }
        return sender.send(due.url(), due.secret(), event.id(), payload(due, event));
    }

    private void failed(WebhookStore.Due due, long cursor, WebhookSender.Result result) {
        Instant now = clock.instant();
        Instant failingSince = due.failingSince().orElse(now);
        int failures = due.failures() + 1;
        if (!failingSince.plus(settings.giveUpAfter()).isAfter(now)) {
            String reason = "failing since " + failingSince + " (" + failures + " attempts); last: " + result.detail();
            store.disable(due.id(), node, cursor, reason, now);
            LOG.warning(() -> "webhooks: endpoint " + due.id() + " of tenant " + due.tenant() + " disabled: " + reason);
            return;
        }
        store.failed(due.id(), node, cursor, failures, failingSince, now.plus(settings.backoff(failures)));
    }

    /** The request body: one event, as the event stream shows it, with the endpoint it was sent to. */
    static String payload(WebhookStore.Due due, EventPage.Event event) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("id", Long.toString(event.id()))
                .add("cursor", Long.toString(event.position()))
                .add("webhookId", Long.toString(due.id()))
                .add("kind", event.kind().name());
        event.addSubjectTo(json);
        return json.add("at", event.occurredAt().toString())
                .add("detail", event.detail())
                .build()
                .toString();
    }

    private void sweepLog() {
        Instant now = clock.instant();
        if (lastLogSweep.plus(LOG_SWEEP).isAfter(now)) {
            return;
        }
        lastLogSweep = now;
        int deleted = store.forgetDeliveriesBefore(now.minus(settings.logRetention()));
        if (deleted > 0) {
            LOG.fine(() -> "webhooks: " + deleted + " delivery log lines past retention deleted");
        }
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (http != null) {
            http.shutdownNow();
        }
    }
}
