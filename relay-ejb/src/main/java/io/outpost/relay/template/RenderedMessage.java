package io.outpost.relay.template;

import java.util.Optional;

/** A template rendered with one recipient's data: what goes into that recipient's message. */
public record RenderedMessage(String subject, Optional<String> text, Optional<String> html) {}
