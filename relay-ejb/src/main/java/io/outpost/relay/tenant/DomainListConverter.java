package io.outpost.relay.tenant;

import io.outpost.api.mail.Domain;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stores a tenant's sending domains as one comma-separated column: they are always read and written together, and a
 * domain never contains a comma.
 */
@Converter
public class DomainListConverter implements AttributeConverter<List<Domain>, String> {

    @Override
    public String convertToDatabaseColumn(List<Domain> domains) {
        return domains == null ? "" : domains.stream().map(Domain::name).collect(Collectors.joining(","));
    }

    @Override
    public List<Domain> convertToEntityAttribute(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(Domain::of).toList();
    }
}
