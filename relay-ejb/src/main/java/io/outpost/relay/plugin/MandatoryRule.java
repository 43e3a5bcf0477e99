package io.outpost.relay.plugin;

/**
 * One of the relay's own rules that no configuration can bypass (relay control, sender binding, loop detection, sending
 * limits): it must be enabled, and it is asked even after a policy earlier in its chain answered ACCEPT, so an
 * operator's allow-list can skip the optional checks but never make Outpost an open relay. Honoured only for the
 * relay's own instances ({@link SubmissionPipeline#of}): a jar cannot claim it.
 */
public interface MandatoryRule extends InlinePlugin {}
