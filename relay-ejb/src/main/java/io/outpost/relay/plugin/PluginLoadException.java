package io.outpost.relay.plugin;

/**
 * The plugins cannot be loaded as configured: an enabled plugin that no jar provides, two plugins with one name, an
 * unknown or invalid setting, a broken jar. The relay must not start; the message says what to fix.
 */
public class PluginLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
