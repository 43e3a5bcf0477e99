package io.outpost.relay.plugin;

import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.BlocklistMonitor;
import io.outpost.api.plugin.Plugin;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.SuppressionPolicy;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The plugins the operator enabled, found, ordered, configured and started.
 *
 * <p>Plugins are found with {@link ServiceLoader} in (a) the application's own class loader, which holds the bundled
 * plugins, and (b) every {@code *.jar} file directly in the configured plugin directory, through one
 * {@link URLClassLoader} whose parent is the application's loader (so plugin jars share the relay's {@code relay-api}
 * classes and must not carry their own). Of the plugins found, only those the operator lists for their type are started,
 * in the listed order; the others are instantiated (to learn their names) and then ignored.
 *
 * <p>{@link #load} refuses to start, with a {@link PluginLoadException} saying what to fix, when an enabled name is
 * provided by no jar, a name is enabled twice or provided by two classes, settings are given for a plugin that is not
 * enabled, a setting key is not among the plugin's {@link Plugin#configKeys()}, or a plugin's {@code init} fails. The
 * effective order is logged.
 *
 * <p>{@link #close()} closes the plugins in reverse order and releases the plugin jars.
 */
public final class PluginRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

    /** What {@link Plugin#name()} promises: lower-case letters, digits and '-'. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final List<AuthenticationCheck> authenticationChecks;
    private final List<SuppressionPolicy> suppressionPolicies;
    private final List<BlocklistMonitor> blocklistMonitors;
    private final List<SubmissionPolicy> submissionPolicies;
    private final List<Plugin> started;
    private final Optional<URLClassLoader> jarLoader;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PluginRegistry(
            List<AuthenticationCheck> authenticationChecks,
            List<SuppressionPolicy> suppressionPolicies,
            List<BlocklistMonitor> blocklistMonitors,
            List<SubmissionPolicy> submissionPolicies,
            List<Plugin> started,
            Optional<URLClassLoader> jarLoader) {
        this.authenticationChecks = List.copyOf(authenticationChecks);
        this.suppressionPolicies = List.copyOf(suppressionPolicies);
        this.blocklistMonitors = List.copyOf(blocklistMonitors);
        this.submissionPolicies = List.copyOf(submissionPolicies);
        this.started = List.copyOf(started);
        this.jarLoader = jarLoader;
    }

    /**
     * Finds, checks and starts the enabled plugins.
     *
     * @param settings the operator's plugin configuration
     * @param applicationLoader the class loader of the application, whose bundled plugins are found too
     * @throws PluginLoadException if the configuration cannot be honoured; nothing is left started
     */
    public static PluginRegistry load(PluginSettings settings, ClassLoader applicationLoader)
            throws PluginLoadException {
        return load(settings, applicationLoader, List.of());
    }

    /**
     * As {@link #load(PluginSettings, ClassLoader)}, with plugins the host application made itself (its built-in
     * checks, which need the host's services): they are enabled, ordered and configured by name like any other.
     */
    public static PluginRegistry load(
            PluginSettings settings, ClassLoader applicationLoader, List<? extends Plugin> builtIns)
            throws PluginLoadException {
        checkConfigNamesAreEnabled(settings);
        Optional<URLClassLoader> jarLoader = jarLoader(settings.directory(), applicationLoader);
        ClassLoader loader = jarLoader.map(ClassLoader.class::cast).orElse(applicationLoader);
        List<Plugin> started = new ArrayList<>();
        try {
            List<AuthenticationCheck> checks = start(
                    AuthenticationCheck.class,
                    "authentication check",
                    settings.enabledAuthenticationChecks(),
                    settings,
                    loader,
                    builtIns,
                    started);
            List<SuppressionPolicy> policies = start(
                    SuppressionPolicy.class,
                    "suppression policy",
                    settings.enabledSuppressionPolicies(),
                    settings,
                    loader,
                    builtIns,
                    started);
            List<BlocklistMonitor> monitors = start(
                    BlocklistMonitor.class,
                    "blocklist monitor",
                    settings.enabledBlocklistMonitors(),
                    settings,
                    loader,
                    builtIns,
                    started);
            List<SubmissionPolicy> submission = start(
                    SubmissionPolicy.class,
                    "submission policy",
                    settings.enabledSubmissionPolicies(),
                    settings,
                    loader,
                    builtIns,
                    started);
            logOrder("Authentication checks", checks, "");
            logOrder("Suppression policies", policies, "a recipient none refuses is delivered");
            logOrder("Blocklist monitors", monitors, "");
            logOrder("Submission policies", submission, "");
            return new PluginRegistry(checks, policies, monitors, submission, started, jarLoader);
        } catch (PluginLoadException | RuntimeException | Error e) {
            closeAll(started);
            jarLoader.ifPresent(PluginRegistry::closeLoader);
            throw e;
        }
    }

    /** The enabled authentication checks, in the operator's order. */
    public List<AuthenticationCheck> authenticationChecks() {
        return authenticationChecks;
    }

    /** The enabled suppression policies, in the operator's order. */
    public List<SuppressionPolicy> suppressionPolicies() {
        return suppressionPolicies;
    }

    /** The enabled blocklist monitors, in the operator's order. */
    public List<BlocklistMonitor> blocklistMonitors() {
        return blocklistMonitors;
    }

    /** The enabled submission policies, in the operator's order. */
    public List<SubmissionPolicy> submissionPolicies() {
        return submissionPolicies;
    }

    /** Closes every started plugin, last started first, then releases the plugin jars. Only the first call acts. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeAll(started);
        jarLoader.ifPresent(PluginRegistry::closeLoader);
    }

    private static void checkConfigNamesAreEnabled(PluginSettings settings) throws PluginLoadException {
        Set<String> enabled = new HashSet<>();
        enabled.addAll(settings.enabledAuthenticationChecks());
        enabled.addAll(settings.enabledSuppressionPolicies());
        enabled.addAll(settings.enabledBlocklistMonitors());
        enabled.addAll(settings.enabledSubmissionPolicies());
        Set<String> stray = new TreeSet<>(settings.config().keySet());
        stray.removeAll(enabled);
        if (!stray.isEmpty()) {
            throw new PluginLoadException("settings are given for plugin(s) " + stray
                    + " that are not enabled; enable them or remove their settings");
        }
    }

    private static Optional<URLClassLoader> jarLoader(Optional<Path> directory, ClassLoader parent)
            throws PluginLoadException {
        if (directory.isEmpty()) {
            LOG.info("No plugin directory configured: only bundled plugins are available");
            return Optional.empty();
        }
        Path dir = directory.get();
        if (!Files.isDirectory(dir)) {
            throw new PluginLoadException("plugin directory " + dir + " does not exist or is not a directory");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot list plugin directory " + dir + ": " + e.getMessage(), e);
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < jars.size(); i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginLoadException("cannot use plugin jar " + jars.get(i), e);
            }
        }
        LOG.info(() -> "Plugin directory " + dir + ": "
                + (jars.isEmpty()
                        ? "no jars"
                        : jars.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))));
        return Optional.of(new URLClassLoader("outpost-plugins", urls, parent));
    }

    private static <P extends Plugin> List<P> start(
            Class<P> type,
            String kind,
            List<String> enabled,
            PluginSettings settings,
            ClassLoader loader,
            List<? extends Plugin> builtIns,
            List<Plugin> started)
            throws PluginLoadException {
        Set<String> seen = new HashSet<>();
        for (String name : enabled) {
            if (!seen.add(name)) {
                throw new PluginLoadException(kind + " '" + name + "' is enabled twice; list each plugin once");
            }
        }
        Map<String, P> available = discover(type, kind, loader, builtIns);
        List<P> result = new ArrayList<>();
        for (String name : enabled) {
            P plugin = available.get(name);
            if (plugin == null) {
                throw new PluginLoadException(kind + " '" + name + "' is enabled but no jar provides it; available: "
                        + new TreeSet<>(available.keySet()));
            }
            PluginConfig config = PluginConfig.of(name, settings.config().getOrDefault(name, Map.of()));
            try {
                config.requireOnly(plugin.configKeys());
                plugin.init(config);
            } catch (PluginConfigException e) {
                throw new PluginLoadException(e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new PluginLoadException(kind + " '" + name + "' failed to start: " + e, e);
            }
            started.add(plugin);
            result.add(plugin);
        }
        return result;
    }

    private static <P extends Plugin> Map<String, P> discover(
            Class<P> type, String kind, ClassLoader loader, List<? extends Plugin> builtIns)
            throws PluginLoadException {
        Map<String, P> byName = new LinkedHashMap<>();
        List<P> candidates = new ArrayList<>();
        builtIns.stream().filter(type::isInstance).map(type::cast).forEach(candidates::add);
        try {
            ServiceLoader.load(type, loader).forEach(candidates::add);
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException("cannot load a " + kind + ": " + e.getMessage(), e);
        }
        for (P plugin : candidates) {
            String name = plugin.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new PluginLoadException(kind + " " + origin(plugin) + " has an invalid name '" + name
                        + "': use lower-case letters, digits and '-'");
            }
            P other = byName.putIfAbsent(name, plugin);
            if (other != null) {
                throw new PluginLoadException("two " + kind + "s are named '" + name + "': " + origin(other) + " and "
                        + origin(plugin) + "; remove one of the jars");
            }
        }
        return byName;
    }

    private static String origin(Object plugin) {
        Class<?> c = plugin.getClass();
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return c.getName() + (source == null || source.getLocation() == null ? "" : " (" + source.getLocation() + ")");
    }

    private static void logOrder(String what, List<? extends Plugin> plugins, String then) {
        String order = plugins.stream().map(Plugin::name).collect(Collectors.joining(" -> "));
        String text = plugins.isEmpty() ? "none" : order;
        LOG.info(() -> what + " in order: " + text + (then.isEmpty() ? "" : " (" + then + ")"));
    }

    private static void closeAll(List<Plugin> started) {
        List<Plugin> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (Plugin plugin : reversed) {
            try {
                plugin.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "plugin " + plugin.name() + " failed to close", e);
            }
        }
    }

    private static void closeLoader(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not release plugin jars", e);
        }
    }
}
