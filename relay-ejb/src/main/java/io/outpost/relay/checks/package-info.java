/**
 * The checks a message passes before it goes to an audience (issue 12): each {@link io.outpost.relay.checks.PreSendCheck}
 * looks at one thing (authentication of the From domain, unsubscribe, links, size, spam score…) and says pass, warn or
 * fail with why and how to fix it; {@link io.outpost.relay.checks.PreSendChecks} runs them all. A failure blocks sending
 * to an audience unless a user overrides it with a written reason, which the send keeps. Depends on {@code
 * io.outpost.api}, {@code template}, {@code sending} and {@code dnsauth} (the From domain's authentication), {@code
 * reputation} (complaint rates), {@code webhook} (its rule for which URLs the relay may fetch) and {@code config}; talks
 * to spamd and to the message's web servers.
 */
package io.outpost.relay.checks;
