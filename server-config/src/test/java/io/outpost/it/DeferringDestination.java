package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;

/** A destination domain of its own whose mail the test MX defers, for the operator's queue tests. */
record DeferringDestination(String domain) {

    /** A new domain {@code <prefix>-<random>.test} whose MX is the test MX. */
    static DeferringDestination create(String prefix) {
        String domain = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        TestNetwork.DNS.add(domain + ". 60 IN MX 10 mx.ok.test.");
        return new DeferringDestination(domain);
    }

    /** Sends a message from {@code tenant} to a new address here that the test MX defers; its id once deferred. */
    String deferredMessage(ApiSender tenant, String local) throws Exception {
        String to = local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        TestNetwork.MX.replyToRcpt(to, "451 4.3.2 not now");
        String id = PublishedDomains.json(
                        tenant.api()
                                .post(
                                        "/messages",
                                        "{\"from\":\"" + tenant.from() + "\",\"to\":[\"" + to
                                                + "\"],\"subject\":\"queue\",\"text\":\"hi\"}"),
                        202)
                .getString("id");
        assertThat(MessageStories.awaitState(tenant.api(), "/messages/" + id, "DEFERRED"))
                .isEqualTo("DEFERRED");
        return id;
    }

    /**
     * Applies an operator's action ({@code /admin/queue/<path>}) until it changed one recipient: an attempt may hold it
     * at the moment of asking, and then the action leaves it alone. The last answer.
     */
    static JsonObject actUntilChanged(String path, String body) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonObject answer;
        do {
            answer = PublishedDomains.json(ApiClient.admin().post("/admin/queue/" + path, body), 200);
            if (answer.getInt("recipients") == 1) {
                return answer;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " changed no recipient: " + answer);
    }
}
