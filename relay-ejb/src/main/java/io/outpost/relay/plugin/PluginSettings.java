package io.outpost.relay.plugin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's plugin configuration: where plugin jars live, which plugins are enabled for each type in which order,
 * and each plugin's settings by plugin name.
 *
 * @param directory a folder whose {@code *.jar} files are searched for plugins (in Liberty, a shared library folder);
 *     empty to use only the plugins bundled with the application
 * @param enabledAuthenticationChecks the authentication checks to run, in order
 * @param enabledSuppressionPolicies the suppression policies to run, in order
 * @param enabledBlocklistMonitors the blocklist monitors to run, in order
 * @param enabledSubmissionPolicies the submission policies to run, in order
 * @param config settings per plugin name; a plugin without an entry gets none
 */
public record PluginSettings(
        Optional<Path> directory,
        List<String> enabledAuthenticationChecks,
        List<String> enabledSuppressionPolicies,
        List<String> enabledBlocklistMonitors,
        List<String> enabledSubmissionPolicies,
        Map<String, Map<String, String>> config) {

    /** No plugin directory, nothing enabled. */
    public static final PluginSettings NONE =
            new PluginSettings(Optional.empty(), List.of(), List.of(), List.of(), List.of(), Map.of());

    public PluginSettings {
        Objects.requireNonNull(directory, "directory");
        enabledAuthenticationChecks = List.copyOf(enabledAuthenticationChecks);
        enabledSuppressionPolicies = List.copyOf(enabledSuppressionPolicies);
        enabledBlocklistMonitors = List.copyOf(enabledBlocklistMonitors);
        enabledSubmissionPolicies = List.copyOf(enabledSubmissionPolicies);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        config.forEach((name, values) -> copy.put(name, Map.copyOf(values)));
        config = Map.copyOf(copy);
    }

    public PluginSettings withDirectory(Path directory) {
        return new PluginSettings(
                Optional.of(directory),
                enabledAuthenticationChecks,
                enabledSuppressionPolicies,
                enabledBlocklistMonitors,
                enabledSubmissionPolicies,
                config);
    }

    public PluginSettings withAuthenticationChecks(List<String> names) {
        return new PluginSettings(
                directory,
                names,
                enabledSuppressionPolicies,
                enabledBlocklistMonitors,
                enabledSubmissionPolicies,
                config);
    }

    public PluginSettings withSuppressionPolicies(List<String> names) {
        return new PluginSettings(
                directory,
                enabledAuthenticationChecks,
                names,
                enabledBlocklistMonitors,
                enabledSubmissionPolicies,
                config);
    }

    public PluginSettings withBlocklistMonitors(List<String> names) {
        return new PluginSettings(
                directory,
                enabledAuthenticationChecks,
                enabledSuppressionPolicies,
                names,
                enabledSubmissionPolicies,
                config);
    }

    public PluginSettings withSubmissionPolicies(List<String> names) {
        return new PluginSettings(
                directory,
                enabledAuthenticationChecks,
                enabledSuppressionPolicies,
                enabledBlocklistMonitors,
                names,
                config);
    }

    /** These settings with {@code values} as the settings of plugin {@code name}. */
    public PluginSettings withConfig(String name, Map<String, String> values) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>(config);
        copy.put(name, values);
        return new PluginSettings(
                directory,
                enabledAuthenticationChecks,
                enabledSuppressionPolicies,
                enabledBlocklistMonitors,
                enabledSubmissionPolicies,
                copy);
    }
}
