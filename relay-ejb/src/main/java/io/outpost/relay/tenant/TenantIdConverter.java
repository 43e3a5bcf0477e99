package io.outpost.relay.tenant;

import io.outpost.api.tenant.TenantId;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link TenantId} as its text. */
@Converter(autoApply = true)
public class TenantIdConverter implements AttributeConverter<TenantId, String> {

    @Override
    public String convertToDatabaseColumn(TenantId id) {
        return id == null ? null : id.value();
    }

    @Override
    public TenantId convertToEntityAttribute(String text) {
        return text == null ? null : TenantId.of(text);
    }
}
