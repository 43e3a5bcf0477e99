package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link Domain} as its name. */
@Converter(autoApply = true)
public class DomainConverter implements AttributeConverter<Domain, String> {

    @Override
    public String convertToDatabaseColumn(Domain domain) {
        return domain == null ? null : domain.name();
    }

    @Override
    public Domain convertToEntityAttribute(String name) {
        return name == null ? null : Domain.of(name);
    }
}
