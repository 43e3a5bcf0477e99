package io.outpost.relay.campaign;

import java.time.Instant;
import java.util.Objects;

/**
 * Sending despite a failing pre-send check: the written reason, who gave it and when. Kept with the campaign and shown
 * with it, so that anyone can later see why mail that failed a check went out.
 *
 * @param by the caller as changes are recorded: {@code api-key:<id>} or {@code user:<address>}
 */
public record CampaignOverride(String reason, String by, Instant at) {

    public static final int MAX_REASON = 500;

    public CampaignOverride {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required to send despite a failing check");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("a reason has at most " + MAX_REASON + " characters");
        }
    }
}
