package io.outpost.api.plugin;

/** Where in the relay a plugin was called, for the decision record. */
public enum PluginPhase {
    /** An SMTP AUTH or HTTP API key attempt ({@link AuthenticationCheck}). */
    AUTHENTICATION,
    /** A recipient checked before delivery ({@link SuppressionPolicy}). */
    SUPPRESSION,
    /** A periodic blocklist look-up of a sending IP or domain ({@link BlocklistMonitor}). */
    BLOCKLIST
}
