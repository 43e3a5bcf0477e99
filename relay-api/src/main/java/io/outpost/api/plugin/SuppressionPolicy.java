package io.outpost.api.plugin;

/**
 * Decides whether a recipient is suppressed (bounced hard before, complained, unsubscribed, on a tenant's own list).
 *
 * <p><b>Design only:</b> the relay does not call suppression policies yet; that follows in a later issue. The contract
 * below is what it will keep.
 *
 * <h2>When it is called</h2>
 *
 * <p>Once per recipient of each message, before the first delivery attempt, in the operator's order. Answer:
 *
 * <ul>
 *   <li>{@link Verdict.Kind#REJECT REJECT}: suppressed; the recipient is not delivered to and is failed with the
 *       verdict's reply (default {@code 550 5.7.1}), which the tenant sees in its delivery record;
 *   <li>{@link Verdict.Kind#CONTINUE CONTINUE}: not suppressed by this policy, ask the next; if all continue, the
 *       relay's built-in suppression list decides last;
 *   <li>{@link Verdict.Kind#ACCEPT ACCEPT}: deliver, and ask no further policy (an allow-list);
 *   <li>{@link Verdict.Kind#DEFER DEFER}: cannot tell now; delivery of that recipient is retried later.
 * </ul>
 *
 * <p>A policy that throws or exceeds its time limit counts as DEFER: a recipient is never delivered to because a policy
 * failed.
 */
public interface SuppressionPolicy extends Plugin {

    /**
     * Decides one recipient. Called from many threads at once.
     *
     * @return never null
     */
    Verdict check(SuppressionQuery query);
}
