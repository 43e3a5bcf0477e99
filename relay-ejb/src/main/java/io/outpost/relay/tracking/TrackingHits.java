package io.outpost.relay.tracking;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.queue.Engagement;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.sending.DomainKeys;
import io.outpost.relay.smtp.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the tracking endpoints do with a hit: verify its token, and record it as an OPENED or CLICKED event, a person's
 * or a machine's ({@link MachineDetector}). A token this relay did not make is nothing: no event, no redirect.
 */
@ApplicationScoped
public class TrackingHits {

    private static final Logger LOG = Logger.getLogger(TrackingHits.class.getName());

    /** How soon a repeat of the same hit from the same address is answered without being recorded. */
    static final Duration REPEAT_WINDOW = Duration.ofSeconds(10);

    private final RecentHits recent = new RecentHits(10_000, System::nanoTime);

    /** Longest user agent kept in an event: the rest says nothing more. */
    private static final int MAX_AGENT = 300;

    @Inject
    private QueueCommits queue;

    @Inject
    private DomainKeys keys;

    @Inject
    private RelayConfiguration config;

    private TrackingToken tokens;
    private Duration scannerWindow;
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void create() {
        tokens = new TrackingToken(keys.dataKey().derive(TrackingToken.KEY_PURPOSE));
        scannerWindow = config.trackingScannerWindow();
    }

    /** How the request for a tracking URL came. */
    public record Request(boolean head, Optional<String> userAgent, InetAddress client) {}

    /**
     * The hit the token stands for, recorded as an event if its message is still in the queue; empty for a token this
     * relay did not make. A failure to record is logged, and the hit still answered: the recipient gets the page.
     */
    public Optional<TrackingToken.Hit> hit(String token, Request request) {
        Optional<TrackingToken.Hit> hit = tokens.parse(token);
        if (hit.isEmpty()) {
            return hit;
        }
        TrackingToken.Hit found = hit.get();
        String repeat = (request.head() ? "HEAD " : "GET ") + token + " "
                + request.client().getHostAddress() + " " + request.userAgent().orElse("");
        if (!recent.firstWithin(repeat, REPEAT_WINDOW)) {
            // The same client again at once (a reload, a client that fetches twice, someone looping a link): answered,
            // not recorded again, so nobody can fill a tenant's events, webhooks and statistics from one token.
            return hit;
        }
        Instant now = clock.instant();
        String client = "from " + request.client().getHostAddress() + "; "
                + LogText.of(cut(request.userAgent().orElse("no user agent")));
        try {
            if (found.kind() == TrackingToken.Kind.OPEN) {
                queue.recordEngagement(
                        found.messageId(),
                        EventKind.OPENED,
                        facts -> MachineDetector.open(request.userAgent(), request.client())
                                        .label() + "; " + client);
            } else {
                queue.recordEngagement(
                        found.messageId(),
                        EventKind.CLICKED,
                        facts -> Engagement.clickDetail(
                                MachineDetector.click(
                                                request.head(),
                                                request.userAgent(),
                                                found.link(),
                                                now,
                                                facts,
                                                scannerWindow)
                                        .label(),
                                found.link(),
                                found.url().orElseThrow(),
                                client));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tracking hit of message " + found.messageId() + " not recorded", e);
        }
        return hit;
    }

    private static String cut(String agent) {
        return agent.length() <= MAX_AGENT ? agent : agent.substring(0, MAX_AGENT);
    }
}
