package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An event of a tenant's lists rather than of one message's delivery (V27__list_events.sql): an address put on or taken
 * off a suppression list, a domain's bulk mail paused or resumed. It joins the tenant's event stream and webhooks as
 * message events do.
 *
 * @param cause the message that caused it (a bounce, a complaint, an unsubscribe), or empty for a change made through
 *     the API or by Outpost's own watch
 * @param target the address or domain it is about, if it is about one
 */
public record ListEvent(TenantId tenant, OptionalLong cause, EventKind kind, Optional<String> target, String detail) {

    public ListEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(detail, "detail");
        if (!kind.ofLists()) {
            throw new IllegalArgumentException(kind + " is an event of a message, not of a list");
        }
    }
}
