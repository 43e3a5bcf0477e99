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

    /** The content without the field, or the same content if it has none. */
    public static MessageContent remove(MessageContent content, byte[] headerSection) {
        if (!HeaderFields.contains(headerSection, NAME)) {
            return content;
        }
        return content.withHeaderSection(HeaderFields.without(headerSection, NAME), headerSection.length);
    }
}
