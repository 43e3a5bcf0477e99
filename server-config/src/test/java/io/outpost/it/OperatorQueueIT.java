package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's queue against the real server and the test MX: mail to a destination that defers is held (and not
 * attempted while held), released, retried now, and purged without and with a DSN to its sender, each told in the
 * message's story that its tenant reads; the tenant's key can do none of it, and bad requests name their field.
 */
class OperatorQueueIT {

    /** Longer than the build's longest retry interval (outpost.delivery.retry.max, 4 s) and its lease (6 s). */
    private static final Duration LONGER_THAN_A_RETRY = Duration.ofSeconds(8);

    private static String destination;
    private static DeferringDestination deferring;
    private static ApiSender tenant;

    @BeforeAll
    static void deferringDestination() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        deferring = DeferringDestination.create("defer");
        destination = deferring.domain();
        tenant = ApiSender.create("op-queue");
    }

    @Test
    void holdsReleasesAndRetriesADeferringDestinationToldInTheStory() throws Exception {
        String id = deferring.deferredMessage(tenant, "held");
        assertThat(tenant.api()
                        .post("/admin/queue/destinations/" + destination + "/hold", "{}")
                        .statusCode())
                .as("the tenant's key on the admin API")
                .isEqualTo(403);

        DeferringDestination.actUntilChanged(
                "destinations/" + destination + "/hold", "{\"reason\":\"the destination asked us to pause\"}");
        JsonObject overview = PublishedDomains.json(ApiClient.admin().get("/admin/queue?top=200"), 200);
        JsonObject row = overview.getJsonArray("destinations").getValuesAs(JsonObject.class).stream()
                .filter(one -> one.getString("domain").equals(destination))
                .findFirst()
                .orElseThrow();
        assertThat(row.getInt("held")).isEqualTo(1);
        assertThat(row.getString("lastReply")).contains("451");
        assertThat(overview.getJsonNumber("held").longValue()).isPositive();
        JsonObject waiting = PublishedDomains.json(
                        ApiClient.admin().get("/admin/queue/destinations/" + destination), 200)
                .getJsonArray("recipients")
                .getJsonObject(0);
        assertThat(waiting.getString("standing")).isEqualTo("HELD");
        assertThat(waiting.getString("messageId")).isEqualTo(id);
        assertThat(waiting.getString("tenant")).isEqualTo(tenant.id());
        assertThat(waiting.containsKey("nextAttemptAt")).isFalse();

        int attemptsWhenHeld = attempts(id);
        Thread.sleep(LONGER_THAN_A_RETRY.toMillis());
        assertThat(attempts(id)).as("no attempt while held").isEqualTo(attemptsWhenHeld);
        assertThat(events(id, "HELD")).singleElement().satisfies(event -> assertThat(event.getString("detail"))
                .contains("held by the operator (admin:" + System.getProperty("it.admin.user") + ")")
                .contains("the destination asked us to pause"));

        DeferringDestination.actUntilChanged("destinations/" + destination + "/release", "{}");
        awaitAttempts(id, attemptsWhenHeld + 1);
        assertThat(events(id, "RELEASED")).hasSize(1);

        // Deferred again, due at its next retry: retry-now makes it due at once.
        DeferringDestination.actUntilChanged(
                "destinations/" + destination + "/retry-now", "{\"reason\":\"the destination is back\"}");
        assertThat(events(id, "RETRIED_NOW")).hasSize(1);
        awaitAttempts(id, attemptsWhenHeld + 2);

        DeferringDestination.actUntilChanged(
                "destinations/" + destination + "/purge", "{\"reason\":\"the domain is gone\"}");
        JsonObject story = MessageStories.story(tenant.api(), "/messages/" + id);
        assertThat(story.getJsonArray("recipients").getJsonObject(0).getString("state"))
                .isEqualTo("PURGED");
        assertThat(events(id, "PURGED")).singleElement().satisfies(event -> assertThat(event.getString("detail"))
                .contains("without a bounce")
                .contains("the domain is gone"));
        assertThat(events(id, "DSN_QUEUED")).as("no DSN without bounce").isEmpty();
        int attemptsWhenPurged = attempts(id);
        Thread.sleep(LONGER_THAN_A_RETRY.toMillis());
        assertThat(attempts(id)).as("never attempted again").isEqualTo(attemptsWhenPurged);
    }

    @Test
    void purgesOneMessageWithADsnToItsSender() throws Exception {
        String id = deferring.deferredMessage(tenant, "bounced");
        JsonObject answer = DeferringDestination.actUntilChanged(
                "messages/" + id + "/purge", "{\"reason\":\"spam run\",\"bounce\":true}");
        assertThat(answer.getInt("dsns")).isEqualTo(1);
        assertThat(events(id, "PURGED")).singleElement().satisfies(event -> assertThat(event.getString("detail"))
                .contains("the sender notified")
                .contains("spam run"));
        String dsn = events(id, "DSN_QUEUED").get(0).getString("detail");
        assertThat(dsn).contains(tenant.from());
        String dsnId = dsn.split(" ")[1];
        JsonObject notice = PublishedDomains.json(ApiClient.admin().get("/admin/messages/" + dsnId), 200);
        assertThat(notice.getJsonArray("recipients").getJsonObject(0).getString("address"))
                .isEqualTo(tenant.from());
        assertThat(new String(ApiClient.admin()
                        .get("/admin/messages/" + dsnId + "/raw")
                        .body()))
                .contains("delivery cancelled by the relay's operator");
    }

    @Test
    void namesTheFieldOfABadRequest() throws Exception {
        assertThat(invalidField(ApiClient.admin().post("/admin/queue/destinations/not_a_domain/hold", "{}")))
                .isEqualTo("domain");
        assertThat(invalidField(ApiClient.admin().post("/admin/queue/destinations/" + destination + "/purge", "{}")))
                .isEqualTo("reason");
        assertThat(invalidField(ApiClient.admin()
                        .post("/admin/queue/destinations/" + destination + "/hold", "{\"bounce\":true}")))
                .isEqualTo("bounce");
        assertThat(invalidField(ApiClient.admin().get("/admin/queue?top=0"))).isEqualTo("top");
        assertThat(ApiClient.admin()
                        .post("/admin/queue/destinations/" + destination + "/explode", "{}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(ApiClient.admin()
                        .post("/admin/queue/messages/999999999999/hold", "{}")
                        .statusCode())
                .isEqualTo(404);
    }

    private static int attempts(String id) throws Exception {
        return events(id, "DEFERRED").size();
    }

    private static void awaitAttempts(String id, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (attempts(id) < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(attempts(id)).isGreaterThanOrEqualTo(count);
    }

    /** The events of that kind in the message's story, as its tenant reads it. */
    private static List<JsonObject> events(String id, String kind) throws Exception {
        return MessageStories.story(tenant.api(), "/messages/" + id)
                .getJsonArray("events")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(event -> event.getString("kind").equals(kind))
                .toList();
    }

    private static String invalidField(HttpResponse<String> response) {
        return PublishedDomains.json(response, 400)
                .getJsonArray("invalid-params")
                .getJsonObject(0)
                .getString("name");
    }
}
