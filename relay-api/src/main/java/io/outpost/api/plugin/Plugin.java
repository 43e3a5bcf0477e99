package io.outpost.api.plugin;

import java.util.Set;

/**
 * The base of every plugin type: a name, the settings it understands, and its start and stop.
 *
 * <h2>Lifecycle</h2>
 *
 * <ol>
 *   <li>The relay finds plugin classes with {@link java.util.ServiceLoader} and creates each through its public
 *       no-argument constructor. The constructor should do no work: a class is instantiated even when its plugin is not
 *       enabled, so that the relay can learn its {@link #name()}.
 *   <li>For each <em>enabled</em> plugin the relay checks the operator's settings against {@link #configKeys()} (an
 *       unknown key is a start-up error), then calls {@link #init(PluginConfig)} once, before any other call. Read and
 *       validate settings, open files and connections here; throw {@link PluginConfigException} for a bad setting and
 *       the relay does not start.
 *   <li>The plugin's type-specific method (for example {@link AuthenticationCheck#check}) is then called for as long as
 *       the relay runs.
 *   <li>{@link #close()} is called once at shutdown, after the last call. Release what {@code init} opened.
 * </ol>
 *
 * <h2>Threading</h2>
 *
 * <p>One instance serves the whole relay: its methods are called from many threads at once and must be thread-safe.
 * {@code init} happens-before every call, so fields set in {@code init} need no further synchronisation.
 *
 * <h2>Time limit</h2>
 *
 * <p>Each call runs under a time limit set by the operator (a few seconds). A call that exceeds it is abandoned: its
 * thread is interrupted and the relay proceeds as for {@link Verdict.Kind#DEFER}. Do slow work (DNS, HTTP, database)
 * with time-outs of your own that are shorter than the limit, and respond to interruption.
 *
 * <h2>When a plugin throws</h2>
 *
 * <p>A plugin says no by returning a verdict, never by throwing. An exception thrown from a call (or a {@code null}
 * result) is taken as a fault in the plugin and the relay <em>fails closed</em>: it records the exception and answers
 * the client with a temporary failure ({@code 451 4.3.0}, {@link Verdict.Kind#DEFER}), so a broken plugin never lets
 * anything through and a sender retries later.
 */
public interface Plugin {

    /**
     * The name the operator uses to enable and configure this plugin, for example {@code htpasswd}: lower-case letters,
     * digits and {@code -}, unique among the plugins of one type. It must not change between calls.
     */
    String name();

    /**
     * The setting keys this plugin understands. The relay refuses to start when the operator configures any other key
     * for it, so a misspelt setting is caught at once instead of silently taking a default (James
     * {@code GenericMailet.checkInitParameters}). The default is none.
     */
    default Set<String> configKeys() {
        return Set.of();
    }

    /**
     * Starts the plugin with the operator's settings, once, before any other call. Every key in {@code config} is one
     * of {@link #configKeys()}.
     *
     * @throws PluginConfigException if a setting is missing or invalid; the relay then does not start
     */
    default void init(PluginConfig config) throws PluginConfigException {}

    /** Releases what {@link #init} opened, once, at shutdown after the last call. Should not throw. */
    default void close() {}
}
