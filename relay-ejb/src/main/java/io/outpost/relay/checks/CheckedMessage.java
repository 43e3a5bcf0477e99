package io.outpost.relay.checks;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.template.RenderedMessage;

/**
 * What the checks look at: a template rendered with one subscriber's or sample data, as a tenant would send it.
 *
 * @param tenant whose message it is
 * @param from the header From, whose domain must authenticate
 * @param bulk whether it goes out as bulk mail (Gmail's and Yahoo's bulk-sender rules, one-click unsubscribe)
 * @param rendered subject, text and HTML after merging the data
 */
public record CheckedMessage(TenantId tenant, EmailAddress from, boolean bulk, RenderedMessage rendered) {}
