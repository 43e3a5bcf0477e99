package io.outpost.relay.reputation;

/**
 * When a sending domain's bulk mail pauses: a complaint rate (complaints per delivered recipient) or a hard-bounce rate
 * (addresses that do not exist per recipient delivered or bounced) past its threshold, over the last {@code windowDays}
 * UTC days, once at least {@code minDelivered} recipients were delivered in them (below that, one complaint says
 * nothing).
 */
public record RateThresholds(double complaintRate, double hardBounceRate, long minDelivered, int windowDays) {

    /** Gmail's and Yahoo's complaint threshold for bulk senders; 5 % hard bounces is far past any kept list. */
    public static final RateThresholds DEFAULT = new RateThresholds(0.003, 0.05, 1000, 2);

    public RateThresholds {
        if (!(complaintRate > 0 && complaintRate < 1) || !(hardBounceRate > 0 && hardBounceRate < 1)) {
            throw new IllegalArgumentException("rates are fractions between 0 and 1");
        }
        if (minDelivered < 1 || windowDays < 1) {
            throw new IllegalArgumentException("the minimum volume and the window are at least 1");
        }
    }
}
