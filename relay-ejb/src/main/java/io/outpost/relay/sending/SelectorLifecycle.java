package io.outpost.relay.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Moves a domain's DKIM selectors along after a check (see {@link SelectorState}): pending selectors become active once
 * every one of them verified, replacing the active ones, which retire after the overlap; retiring selectors whose time
 * has come are retired and their keys erased. Returns the events to record.
 */
final class SelectorLifecycle {

    private final Duration overlap;

    /** @param overlap how long a replaced selector stays published */
    SelectorLifecycle(Duration overlap) {
        this.overlap = overlap;
    }

    List<DomainEvent> advance(SendingDomain domain, Predicate<String> verified, Instant now) {
        List<DomainEvent> events = new ArrayList<>();
        activate(domain, verified, now, events);
        retire(domain, now, events);
        return events;
    }

    private void activate(SendingDomain domain, Predicate<String> verified, Instant now, List<DomainEvent> events) {
        List<DkimSelector> pending = domain.selectors(SelectorState.PENDING);
        // All at once: an RSA and an Ed25519 selector of one rotation replace the old pair together.
        if (pending.isEmpty() || !pending.stream().map(DkimSelector::selector).allMatch(verified)) {
            return;
        }
        Instant retireAt = now.plus(overlap);
        for (DkimSelector old : domain.selectors(SelectorState.ACTIVE)) {
            old.startRetiring(retireAt);
        }
        for (DkimSelector next : pending) {
            next.activate(now);
            events.add(DomainEvent.keys(
                    domain,
                    now,
                    DomainEvent.Kind.SELECTOR_ACTIVATED,
                    next.selector(),
                    next.selector() + " verified and signs from now on; the selectors it replaces stay published"
                            + " until " + retireAt));
        }
    }

    private static void retire(SendingDomain domain, Instant now, List<DomainEvent> events) {
        for (DkimSelector retiring : domain.selectors(SelectorState.RETIRING)) {
            if (retiring.retireAt().filter(at -> !at.isAfter(now)).isPresent()) {
                retiring.retire();
                events.add(DomainEvent.keys(
                        domain,
                        now,
                        DomainEvent.Kind.SELECTOR_RETIRED,
                        retiring.selector(),
                        retiring.selector() + " retired: its key is erased and its DNS record may be removed"));
            }
        }
    }
}
