package io.outpost.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @Test
    void theDefaultTenantIsValid() {
        assertThat(TenantId.DEFAULT.value()).isEqualTo("default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "-acme", "acme corp", "a/b"})
    void refusesMalformedIds(String id) {
        assertThatThrownBy(() -> TenantId.of(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice smith", "tab\there"})
    void refusesMalformedCredentialIds(String id) {
        assertThatThrownBy(() -> CredentialId.of(id)).isInstanceOf(IllegalArgumentException.class);
    }
}
