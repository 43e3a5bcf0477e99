package io.outpost.relay.content;

import io.outpost.api.plugin.MessageStream;
import java.util.List;
import java.util.Optional;

/**
 * The {@code X-Outpost-Stream} field by which an SMTP client names the stream of one message ({@code transactional} or
 * {@code bulk}), where the protocol has no parameter for it. It is an instruction to the relay, not part of the
 * message: Outpost takes it out before signing, so it never leaves.
 */
public final class StreamField {

    public static final String NAME = "X-Outpost-Stream";

    /** The field by which an SMTP client says what to track in one message ({@code tracking/TrackingField}). */
    public static final String TRACK = "X-Outpost-Track";

    /** The field by which an SMTP client names the topic of its tenant's bulk mail one message is of. */
    public static final String TOPIC = "X-Outpost-Topic";

    private StreamField() {}

    /** What the field asks for: nothing (no field), a stream, or something that is none. */
    public sealed interface Choice {}

    /** No field: the credential's or tenant's default applies. */
    public record Absent() implements Choice {}

    public record Named(MessageStream stream) implements Choice {}

    /** A value that names no stream, or several fields: the client meant something, and guessing could misfile it. */
    public record Invalid(String value) implements Choice {}

    public static Choice read(byte[] headerSection) {
        List<String> values = HeaderFields.values(headerSection, NAME);
        if (values.isEmpty()) {
            return new Absent();
        }
        if (values.size() > 1) {
            return new Invalid(String.join(", ", values).strip());
        }
        String value = values.get(0).strip();
        Optional<MessageStream> stream = MessageStream.named(value);
        return stream.<Choice>map(Named::new).orElseGet(() -> new Invalid(value));
    }

    /**
     * The content without the relay's instruction fields ({@code X-Outpost-Stream}, {@code X-Outpost-Track}, {@code
     * X-Outpost-Topic}), or the same content if it has none.
     */
    public static MessageContent removeInstructions(MessageContent content, byte[] headerSection) {
        byte[] kept = headerSection;
        for (String name : List.of(NAME, TRACK, TOPIC)) {
            if (HeaderFields.contains(kept, name)) {
                kept = HeaderFields.without(kept, name);
            }
        }
        return kept == headerSection ? content : content.withHeaderSection(kept, headerSection.length);
    }

    /** The value of the {@code X-Outpost-Topic} field (joined if it came more than once), if the message has one. */
    public static Optional<String> topicAsked(byte[] headerSection) {
        return asked(headerSection, TOPIC);
    }

    /** The value of the {@code X-Outpost-Track} field (joined if it came more than once), if the message has one. */
    public static Optional<String> trackingAsked(byte[] headerSection) {
        return asked(headerSection, TRACK);
    }

    private static Optional<String> asked(byte[] headerSection, String field) {
        List<String> values = HeaderFields.values(headerSection, field);
        return values.isEmpty()
                ? Optional.empty()
                : Optional.of(String.join(",", values).strip());
    }
}
