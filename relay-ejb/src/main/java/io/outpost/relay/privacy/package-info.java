/**
 * A person's rights over what Outpost holds about their address (GDPR Art. 15 and 17): one export of it all for a
 * tenant, and its erasure, which keeps only a hash on the suppression lists so that an opt-out is still honoured.
 * Depends on the queue's tables, {@code suppression} and {@code audience}.
 */
package io.outpost.relay.privacy;
