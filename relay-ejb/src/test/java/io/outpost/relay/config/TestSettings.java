package io.outpost.relay.config;

import java.util.Map;

/** Builds a {@link RelayConfiguration} from a map of settings, for tests outside this package. */
public final class TestSettings {

    private TestSettings() {}

    /** The settings in {@code values}; any other is absent. */
    public static RelayConfiguration of(Map<String, String> values) {
        return new RelayConfiguration(new MapConfig(values));
    }
}
