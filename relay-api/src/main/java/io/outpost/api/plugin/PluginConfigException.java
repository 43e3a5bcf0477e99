package io.outpost.api.plugin;

/** A plugin's settings are missing or invalid: the relay does not start until the operator fixes them. */
public class PluginConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String pluginName;

    public PluginConfigException(String pluginName, String message) {
        super("plugin " + pluginName + ": " + message);
        this.pluginName = pluginName;
    }

    public PluginConfigException(String pluginName, String message, Throwable cause) {
        super("plugin " + pluginName + ": " + message, cause);
        this.pluginName = pluginName;
    }

    /** The plugin whose settings are wrong. */
    public String pluginName() {
        return pluginName;
    }
}
