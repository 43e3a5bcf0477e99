package io.outpost.api.plugin;

import java.util.Set;

/**
 * Decides on submitted mail, over SMTP and the HTTP API alike, at the phases it takes part in: CONNECT, HELO, MAIL,
 * RCPT and MESSAGE (the whole message known, before it is queued). Enabled by name, in order, with {@code
 * outpost.plugins.submission}.
 *
 * <h2>When it is called</h2>
 *
 * <p>At each phase in {@link #phases()}, with what is known by then ({@link Submission}): the client at CONNECT, its
 * HELO name at HELO (SMTP only), the envelope sender at MAIL, each recipient at RCPT, the header fields and size at
 * MESSAGE. Over HTTP the MAIL, RCPT and MESSAGE phases come one after the other for the one request. Policies are asked
 * in the operator's order, the relay's own rules among them (they are submission policies too, named in the same
 * list); the first verdict that is not CONTINUE decides, and later policies are not asked at that phase.
 *
 * <h2>What a verdict does</h2>
 *
 * <ul>
 *   <li>CONTINUE: no opinion; the next policy in the list is asked.
 *   <li>ACCEPT: the policies after this one at this phase are not asked, except the relay's mandatory rules (relay
 *       control, sender binding, loop detection, sending limits), which still are and may refuse: an allow-list can
 *       skip the optional checks, never open the relay.
 *   <li>REJECT: refused for good. SMTP answers with the policy's own reply, exactly as given, or the phase's default
 *       ({@link PluginPhase#defaultReply}); HTTP answers the status that reply's class and code imply, with the reply in
 *       the problem's detail. At CONNECT the connection is closed after the reply; at RCPT only that recipient is
 *       refused.
 *   <li>DEFER: refused for now, likewise; a policy that throws or runs out of time counts as DEFER with the phase's
 *       default reply (the relay fails closed).
 * </ul>
 */
public interface SubmissionPolicy extends Plugin {

    /** The phases this policy takes part in; it is asked at no other. Must not change between calls. */
    Set<PluginPhase> phases();

    /** Decides on {@code submission} at {@code phase}, one of {@link #phases()}. */
    Verdict check(PluginPhase phase, Submission submission);
}
