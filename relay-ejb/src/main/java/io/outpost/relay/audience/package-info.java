/**
 * Audiences and double opt-in with proof of consent (issue 11): a tenant's lists of subscribers, the versioned consent
 * texts they agreed to, the signed links of confirmation messages and hosted forms, and the proof kept of each consent
 * (GDPR Art. 7(1)). Depends on {@code io.outpost.api}, {@code secrets} (the links' MAC), {@code suppression} (how an
 * address is folded), {@code schema}, {@code json} and {@code tenant} (its business exceptions).
 */
package io.outpost.relay.audience;
