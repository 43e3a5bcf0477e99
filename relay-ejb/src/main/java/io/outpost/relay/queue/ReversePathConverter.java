package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link ReversePath} as its mailbox text, the null path {@code <>} as the empty string. */
@Converter(autoApply = true)
public class ReversePathConverter implements AttributeConverter<ReversePath, String> {

    @Override
    public String convertToDatabaseColumn(ReversePath path) {
        return path == null || path.isNull() ? "" : path.mailbox().orElseThrow().toString();
    }

    @Override
    public ReversePath convertToEntityAttribute(String text) {
        return text == null || text.isEmpty() ? ReversePath.NULL : ReversePath.of(EmailAddress.parse(text));
    }
}
