package io.outpost.api.plugin;

/**
 * Watches whether the relay's sending IP addresses and domains appear on blocklists, so the operator learns of a
 * listing before senders complain (and the relay can route around a listed IP).
 *
 * <p><b>Design only:</b> the relay does not call monitors yet; the timer that does, and what it does with a LISTED
 * status, follow in a later issue. The contract below is what that timer will keep.
 *
 * <h2>When it is called</h2>
 *
 * <p>Periodically from a timer, not in the path of any SMTP session: once per interval for each sending IP and each
 * sending domain, each enabled monitor in the operator's order. Unlike the other plugin types, every monitor is asked
 * (a listing found by one does not stop the others), and the results are stored as the target's current status. Calls
 * for different targets may run at once.
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
