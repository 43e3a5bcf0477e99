package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;

/**
 * Fired (to observers after the commit) whenever anything intake reads of a sending domain may have changed: a check,
 * a rotation, the domain added or removed.
 */
public record SendingDomainChanged(Domain domain) {}
