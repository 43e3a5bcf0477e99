package io.outpost.relay.plugin;

import io.outpost.api.plugin.Plugin;

/**
 * A plugin that is the relay's own code (a built-in rule such as relay control), which {@link PluginChain} calls on
 * the caller's thread rather than on the plugin pool: it is asked for every recipient and message, answers from memory
 * or with its own bounded look-ups, and a hop to another thread per call would cost the rate of the whole relay. It
 * still fails closed like any plugin when it throws. Honoured only for the relay's own instances ({@link
 * SubmissionPipeline#of}): a jar cannot claim it to escape the time limit.
 */
public interface InlinePlugin extends Plugin {}
