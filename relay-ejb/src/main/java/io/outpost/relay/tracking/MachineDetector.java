package io.outpost.relay.tracking;

import io.outpost.relay.queue.Engagement;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells a person's open or click from a machine's, so that statistics count people. Machines are flagged, never
 * dropped: their events are recorded with the reason.
 *
 * <ul>
 *   <li>Opens: Apple Mail Privacy Protection loads every image of every message on delivery, from Apple's network
 *       (17.0.0.0/8) or with the bare user agent {@code Mozilla/5.0}; Gmail and Yahoo fetch images through their
 *       proxies ({@code GoogleImageProxy}, {@code YahooMailProxy}), which say nothing of whether anyone looked.
 *   <li>Clicks: link scanners of mail filters and security gateways follow links within seconds of delivery
 *       ({@code outpost.tracking.scanner-window}), with {@code HEAD} requests, every link of a message at once (another link clicked
 *       within {@link Engagement#BURST}), or with a known agent.
 *   <li>Both: agents that name themselves as bots, crawlers or HTTP libraries.
 * </ul>
 */
public final class MachineDetector {

    /** A person's, or a machine's and why. */
    public record Verdict(boolean machine, String reason) {

        static final Verdict HUMAN = new Verdict(false, "");

        static Verdict machine(String reason) {
            return new Verdict(true, reason);
        }

        /** As an event's detail starts: {@code human}, or {@code machine (why)}. */
        public String label() {
            return machine ? "machine (" + reason + ")" : "human";
        }
    }

    private static final Pattern BOTS = Pattern.compile(
            "bot|crawl|spider|scan|preview|curl|wget|python|go-http-client|java/|okhttp|libwww|httpclient|headless"
                    + "|phantomjs|barracuda|mimecast|proofpoint|urldefense|safelinks|trendmicro|fireeye|symantec"
                    + "|forcepoint|sophos|cisco|zscaler|checkpoint");

    private MachineDetector() {}

    public static Verdict open(Optional<String> userAgent, InetAddress client) {
        String agent = userAgent.orElse("").strip();
        if (appleNetwork(client) || agent.equals("Mozilla/5.0")) {
            return Verdict.machine("Apple Mail Privacy Protection");
        }
        if (agent.contains("GoogleImageProxy")) {
            return Verdict.machine("Gmail image proxy");
        }
        if (agent.contains("YahooMailProxy")) {
            return Verdict.machine("Yahoo image proxy");
        }
        return agentVerdict(agent);
    }

    /**
     * @param head true for a HEAD request
     * @param link the link clicked
     * @param now when it was clicked
     * @param scannerWindow how soon after delivery a click is a scanner's: people read mail later than that
     */
    public static Verdict click(
            boolean head,
            Optional<String> userAgent,
            int link,
            Instant now,
            Engagement.Facts facts,
            Duration scannerWindow) {
        if (head) {
            return Verdict.machine("HEAD request");
        }
        Optional<Instant> delivered = facts.deliveredAt();
        if (delivered.isPresent() && Duration.between(delivered.get(), now).compareTo(scannerWindow) < 0) {
            return Verdict.machine("clicked "
                    + Math.max(0, Duration.between(delivered.get(), now).toSeconds()) + " s after delivery");
        }
        if (facts.linksJustClicked().stream().anyMatch(other -> other != link)) {
            return Verdict.machine("several links clicked at once");
        }
        return agentVerdict(userAgent.orElse("").strip());
    }

    private static Verdict agentVerdict(String agent) {
        if (agent.isEmpty()) {
            return Verdict.machine("no user agent");
        }
        if (BOTS.matcher(agent.toLowerCase(Locale.ROOT)).find()) {
            return Verdict.machine("automated agent");
        }
        return Verdict.HUMAN;
    }

    // Apple's 17.0.0.0/8, from which Mail Privacy Protection's fetches come.
    private static boolean appleNetwork(InetAddress client) {
        return client instanceof Inet4Address && (client.getAddress()[0] & 0xff) == 17;
    }
}
