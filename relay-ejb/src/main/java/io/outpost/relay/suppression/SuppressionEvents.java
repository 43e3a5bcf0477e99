package io.outpost.relay.suppression;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.queue.ListEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The events a change to a tenant's suppression list is announced with in its event stream and webhooks: a receiver
 * that mirrors the list (a CRM, a newsletter tool) learns of a bounce, a complaint or an undo as it happens. The
 * operator's own list is no tenant's, and its changes are no tenant's events.
 */
public final class SuppressionEvents {

    private SuppressionEvents() {}

    /**
     * {@code address} put on a tenant's list ({@code scope}) because of a message.
     *
     * @param cause the message, while its row is kept: an event naming a message is deleted with it
     */
    public static ListEvent added(
            SuppressionScope scope,
            EmailAddress address,
            SuppressionReason reason,
            String actor,
            OptionalLong cause,
            Optional<Instant> expiresAt) {
        SuppressionTarget target = SuppressionTarget.address(address);
        return new ListEvent(
                scope.tenant().orElseThrow(),
                cause,
                EventKind.SUPPRESSION_ADDED,
                Optional.of(target.value()),
                describe(target, scope, reason, actor, expiresAt));
    }

    /** The entry put on a tenant's list, by {@code actor}; empty for the operator's list. */
    public static Optional<ListEvent> added(SuppressionEntry entry, String actor) {
        return entry.scope()
                .tenant()
                .map(tenant -> new ListEvent(
                        tenant,
                        entry.messageId(),
                        EventKind.SUPPRESSION_ADDED,
                        Optional.of(entry.target().value()),
                        describe(entry.target(), entry.scope(), entry.reason(), actor, entry.expiresAt())
                                + entry.note().map(note -> "; note: " + note).orElse("")));
    }

    /** The entry taken off a tenant's list, by {@code actor}, and why; empty for the operator's list. */
    public static Optional<ListEvent> removed(SuppressionEntry entry, String actor, Optional<String> note) {
        return entry.scope()
                .tenant()
                .map(tenant -> new ListEvent(
                        tenant,
                        OptionalLong.empty(),
                        EventKind.SUPPRESSION_REMOVED,
                        Optional.of(entry.target().value()),
                        entry.target() + " taken off the list for " + listName(entry.scope()) + " (was "
                                + entry.reason().wireName() + "), by " + actor
                                + note.map(text -> "; note: " + text).orElse("")));
    }

    /** A batch of a CSV import put on {@code tenant}'s lists. */
    public static ListEvent imported(TenantId tenant, int added, int existing, String actor) {
        return new ListEvent(
                tenant,
                OptionalLong.empty(),
                EventKind.LIST_IMPORTED,
                Optional.empty(),
                added + " entries added from a CSV import (" + existing + " were on the list already), by " + actor);
    }

    private static String describe(
            SuppressionTarget target,
            SuppressionScope scope,
            SuppressionReason reason,
            String actor,
            Optional<Instant> expiresAt) {
        return target + " on the list for " + listName(scope) + ": " + reason.wireName() + ", by " + actor
                + expiresAt.map(at -> ", until " + at).orElse("");
    }

    private static String listName(SuppressionScope scope) {
        return scope.topic()
                .map(topic -> "topic " + topic)
                .or(() -> scope.stream().map(stream -> stream.wireName() + " mail"))
                .orElse("all mail");
    }
}
