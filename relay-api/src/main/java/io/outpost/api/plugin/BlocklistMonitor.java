package io.outpost.api.plugin;

/**
 * Watches whether the relay's sending IP addresses and domains appear on blocklists, so the operator learns of a
 * listing before senders complain (and the relay can route around a listed IP).
 *
 * <p>Enabled by name in {@code outpost.plugins.blocklist}, like the other plugin types; the built-in {@code dnsbl}
 * monitor (DNS blocklists, RFC 5782) is one of them. What a monitor answers is stored as the target's status: a change
 * to LISTED or back is an event the admin API shows, and while a sending domain or an outbound address is LISTED, bulk
 * mail from it waits (unless the operator turns that off).
 *
 * <h2>When it is called</h2>
 *
 * <p>Periodically from a timer ({@code outpost.blocklist.interval}), not in the path of any SMTP session: once per
 * interval for each outbound address and each sending domain, each enabled monitor in the operator's order. Unlike the
 * other plugin types, every monitor is asked (a listing found by one does not stop the others), and the results are
 * stored as the target's current status. A call may take up to {@code outpost.blocklist.time-limit} (30 s by default),
 * longer than other plugin calls, as a monitor may ask several lists.
 *
 * <p>A monitor that throws or exceeds its time limit yields {@link BlocklistStatus.State#UNKNOWN} for that target and
 * that round: the previous status stands, and the failure is recorded.
 */
public interface BlocklistMonitor extends Plugin {

    /**
     * Looks up one target.
     *
     * @return never null; UNKNOWN if a list could not be asked
     */
    BlocklistStatus check(MonitoredTarget target);
}
