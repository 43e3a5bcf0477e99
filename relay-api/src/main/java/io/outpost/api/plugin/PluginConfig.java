package io.outpost.api.plugin;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One plugin's settings as the operator wrote them: string keys to string values. The typed getters parse a value and
 * turn a bad one into a {@link PluginConfigException} that names the plugin and the key, so {@code init} can simply
 * let it propagate.
 */
public final class PluginConfig {

    private final String pluginName;
    private final Map<String, String> values;

    private PluginConfig(String pluginName, Map<String, String> values) {
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The settings {@code values} for the plugin named {@code pluginName}; null keys or values are refused. */
    public static PluginConfig of(String pluginName, Map<String, String> values) {
        values.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("plugin " + pluginName + ": null setting key or value");
            }
        });
        return new PluginConfig(pluginName, values);
    }

    /** No settings, for a plugin the operator enabled without any. */
    public static PluginConfig empty(String pluginName) {
        return new PluginConfig(pluginName, Map.of());
    }

    /** The plugin these settings belong to. */
    public String pluginName() {
        return pluginName;
    }

    /** Every key the operator set, sorted. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The value of {@code key}, or empty if the operator did not set it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of {@code key}, which the operator must set to something other than blank. */
    public String require(String key) throws PluginConfigException {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new PluginConfigException(pluginName, "setting '" + key + "' is required");
        }
        return value;
    }

    /** {@code key} as {@code true} or {@code false}, or {@code defaultValue} if unset. */
    public boolean getBoolean(String key, boolean defaultValue) throws PluginConfigException {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "true or false", null);
        };
    }

    /** {@code key} as a decimal integer, or {@code defaultValue} if unset. */
    public int getInt(String key, int defaultValue) throws PluginConfigException {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer", e);
        }
    }

    /** {@code key} as an ISO-8601 duration such as {@code PT5S}, or {@code defaultValue} if unset. */
    public Duration getDuration(String key, Duration defaultValue) throws PluginConfigException {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(key, value, "an ISO-8601 duration such as PT5S", e);
        }
    }

    /** {@code key} as a file system path; the operator must set it. */
    public Path requirePath(String key) throws PluginConfigException {
        String value = require(key);
        try {
            return Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw invalid(key, value, "a file path", e);
        }
    }

    /**
     * Fails if the operator set a key outside {@code knownKeys}. The relay already applies this with
     * {@link Plugin#configKeys()} before {@code init}; a plugin that reads settings elsewhere may call it too.
     */
    public void requireOnly(Set<String> knownKeys) throws PluginConfigException {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(knownKeys);
        if (!unknown.isEmpty()) {
            throw new PluginConfigException(
                    pluginName, "unknown setting(s) " + unknown + "; known settings are " + new TreeSet<>(knownKeys));
        }
    }

    private PluginConfigException invalid(String key, String value, String expected, Throwable cause) {
        return new PluginConfigException(
                pluginName, "setting '" + key + "' must be " + expected + ", not '" + value + "'", cause);
    }

    /** The plugin name and keys only: values may be secrets. */
    @Override
    public String toString() {
        return "PluginConfig[" + pluginName + ", keys=" + values.keySet() + "]";
    }
}
