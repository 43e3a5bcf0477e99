package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.queue.EventPublisher.Committed;
import io.outpost.relay.tracking.TrackingOverride;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statistics counters on both databases: kept as events are published, per day for all of a tenant's mail, per
 * tag and per sending domain; opens and clicks apart for people and machines; mail of the null sender not counted.
 */
class StatsCountersTest extends OnBothDatabases {

    private static final TenantId SHOP = TenantId.of("shop");

    StatsCountersTest() {
        super("stats-counters-test");
    }

    private static StoredMessage store(QueueCommits commits, String sender, Optional<String> labels, String... to) {
        return commits.store(List.of(tenantMessage(
                        SHOP,
                        sender.isEmpty() ? ReversePath.NULL : ReversePath.of(EmailAddress.parse(sender)),
                        Arrays.stream(to).map(EmailAddress::parse).toList(),
                        new SendOptions(
                                MessageStream.BULK,
                                Optional.empty(),
                                Optional.empty(),
                                labels.map(MessageLabels::new),
                                TrackingOverride.NONE,
                                Optional.empty()))))
                .get(0);
    }

    private static List<Object> row(QueueDatabase db, String dimension, String value) {
        List<Object> rows = db.query("SELECT sent, delivered, deferred, bounced, opened_human, opened_machine,"
                + " clicked_human, clicked_machine FROM outpost_stats WHERE tenant_id = 'shop' AND dimension = '"
                + dimension + "' AND dimension_value = '" + value + "' AND stat_day = DATE '2026-11-28'");
        return rows.isEmpty()
                ? List.of()
                : Arrays.stream((Object[]) rows.get(0))
                        .map(v -> (Object) ((Number) v).longValue())
                        .toList();
    }

    private static long unsubscribed(QueueDatabase db, String dimension, String value) {
        return ((Number) db.query("SELECT unsubscribed FROM outpost_stats WHERE tenant_id = 'shop' AND dimension = '"
                                + dimension + "' AND dimension_value = '" + value + "'")
                        .get(0))
                .longValue();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void countsSentDeliveredOpensAndClicksPerDayTagAndDomain(QueueDatabase db) {
        db.deleteAll();
        QueueCommits commits = db.commits("node-a", Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        StoredMessage tagged = store(
                commits, "news@Shop.Example", Optional.of("{\"tags\":[\"spring\",\"vip\"]}"), "a@d.test", "b@d.test");
        StoredMessage plain = store(commits, "info@other.example", Optional.empty(), "c@d.test");
        StoredMessage dsn = store(commits, "", Optional.empty(), "news@shop.example");
        commits.publish(List.of(
                Committed.message(tagged.messageId()),
                Committed.message(plain.messageId()),
                Committed.message(dsn.messageId())));
        Claim first = tagged.claims().get(0);
        commits.record(List.of(new AttemptRecord(
                List.of(new RecipientUpdate(
                        first.recipientId(), first.token(), RecipientState.DELIVERED, "250 ok", Optional.empty())),
                Optional.empty())));
        commits.recordEngagement(tagged.messageId(), EventKind.OPENED, facts -> "human; from 192.0.2.1; agent");
        commits.recordEngagement(tagged.messageId(), EventKind.OPENED, facts -> "machine (Gmail image proxy); x");
        commits.recordEngagement(plain.messageId(), EventKind.CLICKED, facts -> "machine (HEAD request); link 1: u");
        commits.recordUnsubscribe(SHOP, tagged.messageId(), EmailAddress.parse("b@d.test"), List.of(), "one-click");
        commits.publishUnpublished(Duration.ofMinutes(10));

        assertThat(row(db, "all", "")).containsExactly(3L, 1L, 0L, 0L, 1L, 1L, 0L, 1L);
        assertThat(row(db, "tag", "spring")).containsExactly(2L, 1L, 0L, 0L, 1L, 1L, 0L, 0L);
        assertThat(row(db, "tag", "vip")).isEqualTo(row(db, "tag", "spring"));
        assertThat(row(db, "domain", "shop.example")).containsExactly(2L, 1L, 0L, 0L, 1L, 1L, 0L, 0L);
        assertThat(row(db, "domain", "other.example")).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(db.query("SELECT COUNT(*) FROM outpost_stats").get(0))
                .asString()
                .isEqualTo("5");
        assertThat(unsubscribed(db, "all", "")).isEqualTo(1L);
        assertThat(unsubscribed(db, "tag", "vip")).isEqualTo(1L);
        assertThat(unsubscribed(db, "domain", "shop.example")).isEqualTo(1L);
        assertThat(unsubscribed(db, "domain", "other.example")).isZero();
    }
}
