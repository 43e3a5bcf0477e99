package io.outpost.relay.queue;

import io.outpost.api.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records an open or a click of a queued message: what is known of the message when the hit comes (to tell a person
 * from a machine), then the event, in one transaction.
 */
public final class Engagement {

    /** How far back other clicks of the same message count as "at the same time". */
    public static final Duration BURST = Duration.ofSeconds(2);

    private static final Pattern LINK = Pattern.compile("; link (\\d+):");

    private Engagement() {}

    /**
     * What is known of a message when one of its tracking links is hit.
     *
     * @param deliveredAt when its first recipient was delivered, if one was
     * @param linksJustClicked the other links of the message clicked within {@link #BURST}
     */
    public record Facts(Optional<Instant> deliveredAt, Set<Integer> linksJustClicked) {}

    /**
     * Writes the event {@code detail} makes of the facts, filed under the message's sole recipient, or the message when
     * it has several. False when the message is not in the queue (purged by the retention, or never there).
     */
    static boolean record(
            Connection connection,
            EventWriter story,
            long messageId,
            EventKind kind,
            Instant now,
            Function<Facts, String> detail)
            throws SQLException {
        Optional<MessageOwner> owner = MessageOwner.of(connection, messageId);
        if (owner.isEmpty()) {
            return false;
        }
        Optional<TenantId> tenant = owner.get().tenant();
        int recipients = 0;
        long soleRecipient = 0;
        Instant deliveredAt = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, state, updated_at FROM outpost_recipient WHERE message_id = ?")) {
            select.setLong(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    recipients++;
                    soleRecipient = rows.getLong(1);
                    Instant updated = rows.getTimestamp(3).toInstant();
                    if (RecipientState.DELIVERED.name().equals(rows.getString(2))
                            && (deliveredAt == null || updated.isBefore(deliveredAt))) {
                        deliveredAt = updated;
                    }
                }
            }
        }
        Set<Integer> linksJustClicked = new HashSet<>();
        if (kind == EventKind.CLICKED) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT detail FROM outpost_event WHERE" + " message_id = ? AND occurred_at >= ? AND kind = ?")) {
                select.setLong(1, messageId);
                select.setTimestamp(2, Timestamp.from(now.minus(BURST)));
                select.setString(3, EventKind.CLICKED.name());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Matcher link = LINK.matcher(rows.getString(1));
                        if (link.find()) {
                            linksJustClicked.add(Integer.parseInt(link.group(1)));
                        }
                    }
                }
            }
        }
        String text = detail.apply(new Facts(Optional.ofNullable(deliveredAt), linksJustClicked));
        OptionalLong recipient = recipients == 1 ? OptionalLong.of(soleRecipient) : OptionalLong.empty();
        if (recipient.isPresent()) {
            story.recipient(recipient.getAsLong(), kind, text);
        } else {
            story.message(messageId, tenant, kind, text);
        }
        return true;
    }

    /** The detail of a click on link {@code link}, as {@link #record} finds it again among recent clicks. */
    public static String clickDetail(String verdict, int link, String url, String client) {
        return verdict + "; link " + link + ": " + url + "; " + client;
    }
}
