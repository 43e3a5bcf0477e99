package io.outpost.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database the last release without migrations created (EclipseLink's DDL, then queued mail: test resources
 * older-release/*.sql) is recorded as schema version 1, upgraded by the migrations, and keeps its mail claimable.
 */
class OlderReleaseUpgradeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void keepsQueuedMailClaimableAfterTheUpgrade(String kind) throws IOException {
        try (QueueDatabase db = open(kind, olderRelease(kind))) {
            assertThat(db.query("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'BASELINE'"))
                    .as("the older schema is recorded as version 1 instead of being created again")
                    .singleElement()
                    .hasToString("1");

            List<Claim> claims = db.claim(NOW, 300, 10);

            assertThat(claims)
                    .extracting(Claim::recipientId)
                    .as("queued, deferred and another node's expired lease; not the delivered one")
                    .containsExactlyInAnyOrder(1L, 2L, 4L);
            assertThat(claims)
                    .filteredOn(c -> c.recipientId() == 2L)
                    .extracting(Claim::attemptsMade)
                    .containsExactly(2);
            byte[] content = db.content(1L);
            assertThat(new String(content, StandardCharsets.US_ASCII)).contains("Subject: queued before the upgrade");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void newMailAfterTheUpgradeGetsIdsTheOlderReleaseNeverHandedOut(String kind) throws IOException {
        try (QueueDatabase db = open(kind, olderRelease(kind))) {
            long id = db.inTransaction(em -> {
                QueuedRecipient row = QueueDatabase.newRecipient(em, NOW, NOW);
                em.flush();
                return row.message().id();
            });

            assertThat(id).isGreaterThan(500);
        }
    }

    @Test
    void createsAnEmptyDatabaseFromTheFirstMigration() throws IOException {
        try (QueueDatabase db = QueueDatabase.h2(directory.resolve("h2"))) {
            assertThat(db.query("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'"
                            + " ORDER BY \"installed_rank\""))
                    .first()
                    .hasToString("1");
            assertThat(db.claim(NOW, 300, 10)).isEmpty();
        }
    }

    private QueueDatabase open(String kind, String olderRelease) throws IOException {
        return "h2".equals(kind)
                ? QueueDatabase.h2(directory.resolve("h2"), olderRelease)
                : QueueDatabase.postgres(directory.resolve("pg"), olderRelease);
    }

    private static String olderRelease(String kind) throws IOException {
        try (InputStream in = OlderReleaseUpgradeTest.class.getResourceAsStream("/older-release/" + kind + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
