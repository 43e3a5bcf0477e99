package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once Outpost has said 250 the message survives a crash: a burst of messages is acknowledged, the server's JVM is
 * killed with SIGKILL right after, started again, and every acknowledged message must arrive. So does a change the
 * API answered 201 for, although the embedded database writes it to its file only within its {@code WRITE_DELAY}.
 */
class CrashRecoveryIT {

    private static final int SESSIONS = 8;
    private static final int MESSAGES_PER_SESSION = 25;
    private static final String HELD = "held@crash.test";

    @BeforeAll
    static void startNetwork() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        PublishedDomains.signOkTest();
    }

    @Test
    void deliversEveryAcknowledgedMessageAfterTheServerIsKilled() throws Exception {
        // The destination refuses temporarily until after the crash, so nothing acknowledged is delivered before it:
        // every message must come through the queue as stored on disk.
        TestNetwork.MX.replyToRcpt(HELD, "451 4.3.2 not now");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        List<Future<?>> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            sessions.add(clients.submit(() -> {
                try (SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT)) {
                    client.reply();
                    client.command("EHLO crash.client.test");
                    for (int m = 0; m < MESSAGES_PER_SESSION; m++) {
                        String marker = "crash-" + run + "-" + session + "-" + m;
                        String content = "From: <sender@ok.test>\r\nTo: <" + HELD + ">\r\nSubject: " + marker
                                + "\r\n\r\nsurvive\r\n";
                        String reply =
                                client.sendMessage("sender@ok.test", HELD, content.getBytes(StandardCharsets.UTF_8));
                        if (reply.startsWith("250")) {
                            acknowledged.add(marker);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> session : sessions) {
            session.get();
        }
        clients.shutdown();

        OutpostUnderTest.killServer();
        assertThat(acknowledged).hasSize(SESSIONS * MESSAGES_PER_SESSION);
        assertThat(TestNetwork.MX.transactions().stream().anyMatch(t -> text(t).contains("crash-" + run)))
                .as("nothing was delivered before the crash")
                .isFalse();

        TestNetwork.MX.replyToRcpt(HELD, "250 2.1.5 ok", 0);
        OutpostUnderTest.startServer();

        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Set<String> delivered = Set.of();
        while (System.nanoTime() < deadline) {
            delivered = deliveredMarkers(run);
            if (delivered.containsAll(acknowledged)) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(delivered).containsAll(acknowledged);
    }

    @Test
    void keepsAnApiChangeAnsweredJustBeforeTheServerIsKilled() throws Exception {
        ApiClient admin = ApiClient.admin();
        String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = admin.post(
                "/admin/tenants",
                "{\"id\":\"" + tenant + "\",\"name\":\"Crash\",\"domains\":[\"" + tenant + ".test\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // At once: H2's background writer would put the change in the file within 0.1 s on its own.
        OutpostUnderTest.killServer();
        OutpostUnderTest.startServer();
        awaitApi();

        HttpResponse<String> read = admin.get("/admin/tenants/" + tenant);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }

    // SMTP listens before the web application may answer: a 404 then would not be about the tenant.
    private static void awaitApi() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (ApiClient.anonymous().get("/queue/stats").statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the API did not answer within 2 minutes of the restart");
    }

    private static Set<String> deliveredMarkers(String run) {
        Set<String> markers = new java.util.HashSet<>();
        for (Transaction t : TestNetwork.MX.transactions()) {
            var m = java.util.regex.Pattern.compile("Subject: (crash-" + run + "-\\d+-\\d+)")
                    .matcher(text(t));
            if (m.find()) {
                markers.add(m.group(1));
            }
        }
        return markers;
    }

    private static String text(Transaction t) {
        return new String(t.data(), StandardCharsets.UTF_8);
    }
}
