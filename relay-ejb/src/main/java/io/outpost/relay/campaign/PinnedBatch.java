package io.outpost.relay.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The next batch of a campaign, fixed before any of it is sent: its subscribers in order (their place is their item
 * under the batch's idempotency key) and the cursor after it. A run after a crash sends exactly this batch again, even
 * if subscribers joined or left meanwhile, so the queue's key names the same subscriber at each place.
 *
 * @param after the cursor the batch starts after
 * @param subscriberIds the subscribers to send to, in order; empty when none after the cursor matched
 * @param end the cursor once the batch is sent: the last subscriber looked at
 */
public record PinnedBatch(long after, List<Long> subscriberIds, long end) {

    /** The most subscribers a batch may hold: as many as a batch of the HTTP API. */
    public static final int MAX_SIZE = 1_000;

    public PinnedBatch {
        subscriberIds = List.copyOf(subscriberIds);
        if (subscriberIds.size() > MAX_SIZE) {
            throw new IllegalArgumentException("a batch holds at most " + MAX_SIZE + " subscribers");
        }
        if (end < after) {
            throw new IllegalArgumentException("a batch ends after it starts");
        }
    }

    /** As the campaign row keeps it: the ids, comma-separated. */
    String ids() {
        return subscriberIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static PinnedBatch of(long after, String ids, long end) {
        List<Long> parsed = ids.isEmpty()
                ? List.of()
                : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
        return new PinnedBatch(after, parsed, end);
    }

    /** The batch's idempotency key for its campaign: never a key an API client's retry would send by chance. */
    public String key(long campaignId) {
        return "outpost-campaign:" + campaignId + ":after:" + after;
    }

    /** What the key's request digest is over: the batch itself, so the key is never taken over for another batch. */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((after + ":" + ids() + ":" + end).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
