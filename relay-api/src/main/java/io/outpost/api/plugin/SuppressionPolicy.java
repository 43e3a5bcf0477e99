package io.outpost.api.plugin;

/**
 * Decides whether a recipient is suppressed: on an operator's do-not-mail list, bounced hard before, complained,
 * unsubscribed.
 *
 * <h2>When it is called</h2>
 *
 * <p>Twice for each recipient, in the operator's order, the first answer that is not CONTINUE deciding:
 *
 * <ul>
 *   <li>at {@link PluginPhase#RCPT}: when an SMTP client gives the recipient (RCPT TO), and for each recipient of an
 *       HTTP submission. A REJECT or DEFER refuses the recipient with the verdict's reply, exactly as given (default
 *       {@code 550 5.7.1} and {@code 451 4.3.0}); over HTTP the whole submission is refused, naming the recipient;
 *   <li>at {@link PluginPhase#PRE_DELIVERY}: before every delivery attempt, so that a suppression added after a
 *       message was queued still stops it. A REJECT fails the recipient for good without contacting its server: it is
 *       recorded as {@code SUPPRESSED} with the verdict's reply and reason, and the sender gets a DSN as for a bounce.
 *       A DEFER keeps the recipient queued for its next attempt; it counts as an attempt, so the retry schedule goes on
 *       and a recipient deferred past the queue lifetime expires (with a DSN), as one its server kept deferring would.
 * </ul>
 *
 * <p>Answer {@link Verdict.Kind#CONTINUE CONTINUE} when this policy does not suppress the recipient (ask the next),
 * {@link Verdict.Kind#ACCEPT ACCEPT} to deliver and ask no further policy (an allow-list), {@link Verdict.Kind#REJECT
 * REJECT} when it is suppressed, {@link Verdict.Kind#DEFER DEFER} when it cannot tell now.
 *
 * <p>A policy that throws or exceeds its time limit counts as DEFER: a recipient is never delivered to because a policy
 * failed, nor dropped for good.
 *
 * <p>An SMTP client's {@code RCPT TO} the relay's own postmaster ({@code postmaster@} its host name) is never asked
 * about: RFC 5321 §4.5.1 requires it to be reachable.
 */
public interface SuppressionPolicy extends Plugin {

    /**
     * Decides one recipient. Called from many threads at once.
     *
     * @return never null
     */
    Verdict check(SuppressionQuery query);
}
