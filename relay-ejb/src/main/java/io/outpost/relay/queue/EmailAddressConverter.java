package io.outpost.relay.queue;

import io.outpost.api.mail.EmailAddress;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link EmailAddress} as its {@code local@domain} text. */
@Converter(autoApply = true)
public class EmailAddressConverter implements AttributeConverter<EmailAddress, String> {

    @Override
    public String convertToDatabaseColumn(EmailAddress address) {
        return address == null ? null : address.toString();
    }

    @Override
    public EmailAddress convertToEntityAttribute(String text) {
        return text == null ? null : EmailAddress.parse(text);
    }
}
