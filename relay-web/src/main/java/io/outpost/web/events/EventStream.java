package io.outpost.web.events;

import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.EventPage;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET …/events}: the query parameters of a read of the event stream and the page as JSON. Parameters:
 * {@code cursor} (the {@code next} of the page before; without it the stream is read from its oldest kept event) and
 * {@code limit} (1–1000, default 100). A parameter that cannot be read, or one the stream does not know, is a 400
 * naming it. {@code next} is always there: a reader that got no events asks again later with the same cursor.
 *
 * <pre>{@code
 * {"events": [{"cursor": "8812", "id": "40511", "messageId": "1042", "at": "2026-12-04T12:00:00.2Z",
 *              "kind": "QUEUED", "detail": "from <news@shop.example>, 2048 octets"},
 *             {"cursor": "8815", "id": "40517", "messageId": "1042", "recipient": "ann@example.net",
 *              "at": "2026-12-04T12:00:00.9Z", "kind": "DELIVERED", "detail": "250 2.0.0 Ok"},
 *             {"cursor": "8816", "id": "40518", "target": "bob@example.net", "at": "2026-12-04T12:00:01.2Z",
 *              "kind": "SUPPRESSION_ADDED", "detail": "bob@example.net on the list for bulk mail: manual, by api-key:7"}],
 *  "next": "8815"}
 * }</pre>
 */
public record EventStream(long after, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    /**
     * The read {@code parameters} ask for; {@code extra} names the parameters the caller reads itself.
     *
     * @throws ProblemException 400 naming each parameter that cannot be read
     */
    public static EventStream of(MultivaluedMap<String, String> parameters, Set<String> extra) {
        List<InvalidParam> invalid = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (!name.equals("cursor") && !name.equals("limit") && !extra.contains(name)) {
                invalid.add(new InvalidParam(name, "is not a parameter of the event stream"));
            } else if (parameters.get(name).size() > 1) {
                invalid.add(new InvalidParam(name, "is given more than once"));
            }
        }
        long after = number(parameters.getFirst("cursor"), 0)
                .filter(cursor -> cursor >= 0)
                .orElseGet(() -> {
                    invalid.add(new InvalidParam("cursor", "must be the \"next\" of a page of this stream"));
                    return 0L;
                });
        long limit = number(parameters.getFirst("limit"), DEFAULT_LIMIT)
                .filter(value -> value >= 1 && value <= MAX_LIMIT)
                .orElseGet(() -> {
                    invalid.add(new InvalidParam("limit", "must be a whole number from 1 to " + MAX_LIMIT));
                    return (long) DEFAULT_LIMIT;
                });
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        return new EventStream(after, (int) limit);
    }

    private static Optional<Long> number(String text, long absent) {
        if (text == null) {
            return Optional.of(absent);
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The page as the API answers it. */
    public static String json(EventPage page) {
        JsonArrayBuilder events = CachedJson.createArrayBuilder();
        for (EventPage.Event event : page.events()) {
            JsonObjectBuilder entry = CachedJson.createObjectBuilder()
                    .add("cursor", Long.toString(event.position()))
                    .add("id", Long.toString(event.id()));
            event.addSubjectTo(entry);
            events.add(entry.add("at", event.occurredAt().toString())
                    .add("kind", event.kind().name())
                    .add("detail", event.detail()));
        }
        return CachedJson.createObjectBuilder()
                .add("events", events)
                .add("next", Long.toString(page.next()))
                .build()
                .toString();
    }
}
