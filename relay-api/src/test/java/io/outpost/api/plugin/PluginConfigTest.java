package io.outpost.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginConfigTest {

    private final PluginConfig config = PluginConfig.of(
            "demo", Map.of("file", "/etc/outpost/users", "limit", "12", "strict", "true", "timeout", "PT3S"));

    @Test
    void readsTypedValues() throws PluginConfigException {
        assertThat(config.require("file")).isEqualTo("/etc/outpost/users");
        assertThat(config.getInt("limit", 1)).isEqualTo(12);
        assertThat(config.getBoolean("strict", false)).isTrue();
        assertThat(config.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.getInt("absent", 7)).isEqualTo(7);
        assertThat(config.get("absent")).isEmpty();
    }

    @Test
    void aMissingRequiredSettingNamesPluginAndKey() {
        assertThatThrownBy(() -> config.require("tenant"))
                .isInstanceOf(PluginConfigException.class)
                .hasMessage("plugin demo: setting 'tenant' is required");
    }

    @Test
    void aMalformedValueIsAConfigError() {
        assertThatThrownBy(
                        () -> PluginConfig.of("demo", Map.of("limit", "many")).getInt("limit", 1))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("'limit' must be an integer");
    }

    @Test
    void unknownKeysAreRefused() {
        assertThatThrownBy(() -> config.requireOnly(Set.of("file", "limit", "strict")))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("unknown setting(s) [timeout]");
    }

    @Test
    void toStringShowsKeysButNotValues() {
        assertThat(PluginConfig.of("demo", Map.of("password", "hunter2")).toString())
                .contains("password")
                .doesNotContain("hunter2");
    }

    @Test
    void aSecretNeverPrintsItself() {
        Secret secret = Secret.of("hunter2".toCharArray());
        assertThat(secret.toString()).doesNotContain("hunter2");
        assertThat(new String(secret.chars())).isEqualTo("hunter2");
        assertThat(secret.utf8()).hasSize(7);
    }
}
