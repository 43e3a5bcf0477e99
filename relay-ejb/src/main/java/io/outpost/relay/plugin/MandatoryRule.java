package io.outpost.relay.plugin;

/**
 * One of the relay's own rules that no configuration can bypass (relay control, sender binding, loop detection): it
 * must be enabled, and it is asked even after a policy earlier in its chain answered ACCEPT, so an operator's
 * allow-list can skip the optional checks but never make Outpost an open relay.
 */
public interface MandatoryRule extends InlinePlugin {}
