package io.outpost.web.messages;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderMessageId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.MessageCursor;
import io.outpost.relay.queue.MessagePage;
import io.outpost.relay.queue.MessageQuery;
import io.outpost.relay.queue.MessageStory;
import io.outpost.relay.queue.RecipientState;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET …/messages}: the query parameters of a message listing, read into a {@link MessageQuery}, and the page as
 * JSON. Parameters: {@code from} and {@code until} (RFC 3339 instants, {@code until} exclusive), {@code sender} and
 * {@code recipient} (addresses), {@code state} (a recipient state), {@code messageId} (a Message-ID, with or without
 * its angle brackets), {@code tag} (one the message carries), {@code cursor} (the {@code next} of the page before) and {@code limit} (1–100, default 50). A
 * parameter that cannot be read, or one the listing does not know, is a 400 naming it.
 *
 * <pre>{@code
 * {"messages": [{"id": "1042", "receivedAt": "2026-12-04T12:00:00Z", "sender": "<news@shop.example>",
 *                "messageId": "20261204.1042@shop.example",
 *                "recipients": [{"address": "ann@example.net", "state": "DELIVERED"}]}],
 *  "next": "MTc2NDg0OTYwMC4wLjEwNDI"}
 * }</pre>
 */
public final class MessageListing {

    static final int DEFAULT_LIMIT = 50;

    private static final Set<String> PARAMETERS =
            Set.of("from", "until", "sender", "recipient", "state", "messageId", "tag", "cursor", "limit", "tenant");

    private MessageListing() {}

    /**
     * The query for {@code parameters}, over {@code tenant}'s messages (empty: any tenant's, which needs a
     * {@code messageId}).
     *
     * @throws ProblemException 400 naming each parameter that cannot be read
     */
    public static MessageQuery query(MultivaluedMap<String, String> parameters, Optional<TenantId> tenant) {
        List<InvalidParam> invalid = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name) || (name.equals("tenant") && tenant.isPresent())) {
                invalid.add(new InvalidParam(name, "is not a parameter of this listing"));
            } else if (parameters.get(name).size() > 1) {
                invalid.add(new InvalidParam(name, "is given more than once"));
            }
        }
        Optional<Instant> from =
                read(parameters, "from", Instant::parse, "an instant such as 2026-12-04T12:00:00Z", invalid);
        Optional<Instant> until =
                read(parameters, "until", Instant::parse, "an instant such as 2026-12-04T12:00:00Z", invalid);
        Optional<String> sender =
                read(parameters, "sender", text -> EmailAddress.parse(text).toString(), "an email address", invalid);
        Optional<String> recipient =
                read(parameters, "recipient", text -> EmailAddress.parse(text).toString(), "an email address", invalid);
        Optional<RecipientState> state = read(
                parameters,
                "state",
                text -> RecipientState.valueOf(text.toUpperCase(Locale.ROOT)),
                "one of " + List.of(RecipientState.values()),
                invalid);
        Optional<String> messageId = read(
                parameters,
                "messageId",
                text -> HeaderMessageId.normalize(text).orElseThrow(IllegalArgumentException::new),
                "a Message-ID of at most " + HeaderMessageId.MAX_LENGTH + " characters",
                invalid);
        Optional<String> tag = read(
                parameters,
                "tag",
                text -> {
                    if (!LabelsRequest.TAG.matcher(text).matches()) {
                        throw new IllegalArgumentException();
                    }
                    return text;
                },
                "a tag: 1 to 64 letters, digits, '.', '_', ':' or '-'",
                invalid);
        Optional<MessageCursor> cursor = read(
                parameters,
                "cursor",
                text -> MessageCursor.decode(text).orElseThrow(IllegalArgumentException::new),
                "the \"next\" of a page this listing gave",
                invalid);
        int limit = read(parameters, "limit", Integer::valueOf, "a whole number from 1 to 100", invalid)
                .orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MessageQuery.MAX_LIMIT) {
            invalid.add(new InvalidParam("limit", "must be a whole number from 1 to " + MessageQuery.MAX_LIMIT));
        }
        Optional<TenantId> scope =
                tenant.isPresent() ? tenant : read(parameters, "tenant", TenantId::of, "a tenant id", invalid);
        if (scope.isEmpty() && messageId.isEmpty()) {
            invalid.add(new InvalidParam("tenant", "is required unless messageId is given"));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        return new MessageQuery(scope, from, until, sender, recipient, state, messageId, tag, cursor, limit);
    }

    private static <T> Optional<T> read(
            MultivaluedMap<String, String> parameters,
            String name,
            Function<String, T> parse,
            String expected,
            List<InvalidParam> invalid) {
        String text = parameters.getFirst(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(text));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            invalid.add(new InvalidParam(name, "must be " + expected));
            return Optional.empty();
        }
    }

    /** The page as the API answers it. */
    public static String json(MessagePage page) {
        JsonArrayBuilder messages = CachedJson.createArrayBuilder();
        for (MessagePage.Summary message : page.messages()) {
            JsonObjectBuilder entry = CachedJson.createObjectBuilder().add("id", Long.toString(message.id()));
            message.tenant().ifPresent(tenant -> entry.add("tenant", tenant.value()));
            entry.add("receivedAt", message.receivedAt().toString()).add("sender", message.sender());
            message.headerMessageId().ifPresent(id -> entry.add("messageId", id));
            JsonArrayBuilder recipients = CachedJson.createArrayBuilder();
            for (MessageStory.Recipient recipient : message.recipients()) {
                recipients.add(CachedJson.createObjectBuilder()
                        .add("address", recipient.address())
                        .add("state", recipient.state().name()));
            }
            messages.add(entry.add("recipients", recipients));
        }
        JsonObjectBuilder json = CachedJson.createObjectBuilder().add("messages", messages);
        page.next().ifPresent(next -> json.add("next", next.encode()));
        return json.build().toString();
    }
}
