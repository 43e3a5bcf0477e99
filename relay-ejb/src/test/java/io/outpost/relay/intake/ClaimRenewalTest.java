package io.outpost.relay.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.BatchItem;
import io.outpost.relay.queue.IdempotencyKey;
import io.outpost.relay.queue.IdempotencyMark;
import io.outpost.relay.submission.HttpSubmission;
import io.outpost.relay.tracking.TrackingOverride;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClaimRenewalTest {

    private static final TenantId SHOP = TenantId.of("shop");

    private static HttpSubmission submission(Optional<IdempotencyMark> mark) {
        return new HttpSubmission(
                SHOP,
                "key-1",
                InetAddress.getLoopbackAddress(),
                Optional.empty(),
                ReversePath.of(EmailAddress.parse("news@shop.example")),
                List.of(EmailAddress.parse("ann@dest.test")),
                "Subject: hi\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII),
                Optional.empty(),
                Optional.empty(),
                mark,
                Optional.empty(),
                TrackingOverride.NONE,
                Optional.empty());
    }

    @Test
    void aKeyedBatchRenewsItsClaimOncePerIntervalAndABatchWithoutAKeyNever() {
        IdempotencyKey key = new IdempotencyKey(SHOP, "batch-1", "d");
        AtomicLong clock = new AtomicLong();
        List<IdempotencyKey> renewed = new ArrayList<>();
        ClaimRenewal keyed = new ClaimRenewal(
                List.of(submission(Optional.of(new BatchItem(key, 0)))),
                renewed::add,
                clock::get,
                Duration.ofSeconds(30));
        ClaimRenewal unkeyed = new ClaimRenewal(
                List.of(submission(Optional.empty())), renewed::add, clock::get, Duration.ofSeconds(30));

        clock.set(Duration.ofSeconds(29).toNanos());
        keyed.tick();
        unkeyed.tick();
        clock.set(Duration.ofSeconds(31).toNanos());
        keyed.tick();
        keyed.tick();
        unkeyed.tick();
        clock.set(Duration.ofSeconds(62).toNanos());
        keyed.tick();

        assertThat(renewed).containsExactly(key, key);
    }
}
