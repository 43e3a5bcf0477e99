package io.outpost.relay.suppression;

import java.time.Duration;

/**
 * When soft bounces put an address on its tenant's list ({@code outpost.bounces.soft-*}): a mailbox that stays full, or
 * a server that keeps deferring one recipient until the queue gives up, is as bad for a sender's reputation as an
 * address that does not exist, only slower to tell.
 *
 * @param limit soft bounces that suppress the address
 * @param window longest time between one soft bounce and the next that still counts them together
 * @param suppressFor how long the entry holds: such a mailbox may be emptied, so it is tried again after
 */
public record SoftBounceRule(int limit, Duration window, Duration suppressFor) {

    public SoftBounceRule {
        if (limit < 1 || window.isNegative() || window.isZero() || suppressFor.isNegative() || suppressFor.isZero()) {
            throw new IllegalArgumentException("a soft-bounce rule needs a limit >= 1 and positive durations");
        }
    }
}
