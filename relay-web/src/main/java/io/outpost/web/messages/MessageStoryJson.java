package io.outpost.web.messages;

import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.EventKind;
import io.outpost.relay.queue.MessageLabels;
import io.outpost.relay.queue.MessageStory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * A message's story as the API shows it, to its tenant and to operators alike:
 *
 * <pre>{@code
 * {"id": "1042", "tenant": "shop", "sender": "<news@shop.example>", "receivedAt": "2026-12-04T12:00:00Z",
 *  "client": "192.0.2.7", "size": 2048, "authentication": "signed d=shop.example …",
 *  "recipients": [{"id": "77", "address": "ann@example.net", "state": "DELIVERED", "attempts": 1,
 *                  "lastReply": "mx.example.net[192.0.2.25]:25 said: 250 2.0.0 Ok"}],
 *  "events": [{"at": "…", "kind": "RECEIVED", "detail": "from 192.0.2.7, 2048 octets, …"},
 *             {"at": "…", "kind": "QUEUED", "detail": "1 recipient(s)"},
 *             {"at": "…", "kind": "DELIVERED", "recipient": "77",
 *              "detail": "mx.example.net[192.0.2.25]:25 said: 250 2.0.0 Ok"}]}
 * }</pre>
 *
 * Ids are strings, as in the 202 of {@code POST /messages}: JavaScript numbers lose 64-bit integers.
 */
public final class MessageStoryJson {

    private MessageStoryJson() {}

    public static String of(MessageStory story) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder().add("id", Long.toString(story.id()));
        story.tenant().ifPresent(tenant -> json.add("tenant", tenant.value()));
        json.add("sender", story.sender())
                .add("receivedAt", story.receivedAt().toString())
                .add("client", story.client())
                .add("size", story.sizeOctets())
                .add("authentication", story.authentication());
        story.headerMessageId().ifPresent(id -> json.add("messageId", id));
        story.stream().ifPresent(stream -> json.add("stream", stream.wireName()));
        story.sendAt().ifPresent(at -> json.add("sendAt", at.toString()));
        MessageLabels.addTo(json, story.labels());
        JsonArrayBuilder recipients = CachedJson.createArrayBuilder();
        for (MessageStory.Recipient recipient : story.recipients()) {
            JsonObjectBuilder entry = CachedJson.createObjectBuilder()
                    .add("id", Long.toString(recipient.id()))
                    .add("address", recipient.address())
                    .add("state", recipient.state().name())
                    .add("attempts", recipient.attempts());
            recipient.nextAttemptAt().ifPresent(next -> entry.add("nextAttemptAt", next.toString()));
            recipient.lastReply().ifPresent(reply -> entry.add("lastReply", reply));
            recipients.add(entry);
        }
        JsonArrayBuilder events = CachedJson.createArrayBuilder();
        for (MessageStory.Event event : story.events()) {
            JsonObjectBuilder entry = CachedJson.createObjectBuilder()
                    .add("at", event.at().toString())
                    .add("kind", event.kind().name());
            event.recipientId().ifPresent(id -> entry.add("recipient", Long.toString(id)));
            events.add(entry.add("detail", event.detail()));
        }
        return json.add("recipients", recipients)
                .add("engagement", engagement(story))
                .add("events", events)
                .build()
                .toString();
    }

    // Opens and clicks, people's and machines' apart: each event's detail starts with who ("human" or "machine (…)").
    private static JsonObjectBuilder engagement(MessageStory story) {
        JsonObjectBuilder engagement = CachedJson.createObjectBuilder();
        for (EventKind kind : List.of(EventKind.OPENED, EventKind.CLICKED)) {
            long human = story.events().stream()
                    .filter(event -> event.kind() == kind && event.detail().startsWith("human"))
                    .count();
            long machine = story.events().stream()
                    .filter(event -> event.kind() == kind && event.detail().startsWith("machine"))
                    .count();
            engagement.add(
                    kind == EventKind.OPENED ? "opens" : "clicks",
                    CachedJson.createObjectBuilder().add("human", human).add("machine", machine));
        }
        return engagement;
    }
}
