package io.outpost.relay.sending;

import io.outpost.relay.dkim.DkimKey;
import java.time.Instant;
import java.util.Optional;

/** A DKIM selector as the APIs show it: never its private key. */
public record SelectorView(
        String selector,
        DkimKey.Algorithm algorithm,
        SelectorState state,
        Instant createdAt,
        Optional<Instant> activatedAt,
        Optional<Instant> retireAt) {}
