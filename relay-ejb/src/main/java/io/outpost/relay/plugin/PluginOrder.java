package io.outpost.relay.plugin;

import io.outpost.api.plugin.Plugin;
import io.outpost.api.plugin.PluginPhase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugins each phase asks, in the order it asks them, as the operator configured them: what the admin API shows, so
 * an operator can see where a plugin sits relative to the built-in ones without reading the start-up log.
 *
 * @param phases the phases that ask plugins, in the order a message meets them
 * @param timeLimit what each call may take before it counts as failed
 * @param maxConcurrentCalls the threads all calls share
 */
public record PluginOrder(Map<PluginPhase, List<Entry>> phases, Duration timeLimit, int maxConcurrentCalls) {

    /** One plugin in a phase: its name and whether it is built into the relay rather than loaded from a jar. */
    public record Entry(String name, boolean builtIn) {}

    public PluginOrder {
        phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    static List<Entry> entries(List<? extends Plugin> plugins, Set<String> builtIns) {
        return plugins.stream()
                .map(plugin -> new Entry(plugin.name(), builtIns.contains(plugin.name())))
                .toList();
    }
}
