package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hundreds of clients at once, each sending a message larger than the spool threshold, against the test server's
 * small heap ({@code -Xmx384m}, a 256 KiB threshold and a 16 MiB cap on bytes in flight, server-config/pom.xml): most
 * unauthenticated to the local domain from untrusted addresses, a few authenticated over STARTTLS sending many
 * DKIM-signed messages each; two at the maximum message size. The server must stay up (same process before and after), the API must answer throughout, and every message
 * answered 250 must arrive at the receiving server. A client refused with {@code 452 4.3.1} (the cap on bytes in
 * flight) waits and retries DATA, as an MTA would.
 *
 * <p>Sizes scale with {@code -Dit.stress.sessions} and {@code -Dit.stress.message-octets}; the defaults keep the suite
 * within a couple of minutes on a 2-core machine; run it bigger by hand, e.g. {@code -Dit.stress.message-octets=2000000}
 * (docs/performance.md, "Memory").
 */
class MemoryUnderLoadIT {

    private static final int SESSIONS = Integer.getInteger("it.stress.sessions", 200);
    private static final int MESSAGE_OCTETS = Integer.getInteger("it.stress.message-octets", 320 * 1024);
    /** Messages at the maximum size: one from an anonymous client (its smaller limit), one from an authenticated one. */
    private static final int MAX_SIZE_MESSAGES = 1;
    /** The test server's outpost.smtp.max-message-size, less room for the header we write. */
    private static final int MAX_OCTETS = 26_214_400 - 4096;
    /** Its outpost.smtp.max-unauthenticated-message-size, the largest an anonymous client may send, less the same. */
    private static final int MAX_ANONYMOUS_OCTETS = 10_485_760 - 4096;
    /** Authenticated clients send many messages per connection: each login costs a PBKDF2 hash. */
    private static final int MESSAGES_PER_LOGIN = 20;

    private static final int AUTHENTICATED_CLIENTS = 4;
    /** One login at a time: on a loaded 2-core machine parallel hashes run past the credential check's time limit. */
    private static final Semaphore LOGINS = new Semaphore(1);

    private static final String PASSWORD = System.getProperty("it.demo.password");
    private static final Pattern SUBJECT = Pattern.compile("Subject: load ([0-9a-f-]{36})");
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(100);
    /** RFC 5321 §4.5.3.2.6: a client waits 10 minutes for the reply to the end of data; the test's timeout is shorter. */
    private static final Duration END_OF_DATA_WAIT = Duration.ofMinutes(10);

    private static SSLContext trustingTheServer;

    @BeforeAll
    static void startNetwork() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        PublishedDomains.signOkTest();
        trustingTheServer = OutpostUnderTest.trustingTheServer();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void survivesHundredsOfLargeMessagesAtOnceAndDeliversEveryAcceptedOne() throws Exception {
        long serverPid = serverPid();
        byte[] body = body(MESSAGE_OCTETS);
        byte[] maxBody = body(MAX_OCTETS);
        byte[] maxAnonymousBody = body(MAX_ANONYMOUS_OCTETS);
        int authenticatedClients = AUTHENTICATED_CLIENTS;
        int anonymousClients = SESSIONS - authenticatedClients;
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger full = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ApiProbe probe = new ApiProbe();
        long began = System.nanoTime();

        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        List<Future<?>> running = new ArrayList<>();
        try {
            probe.start();
            for (int i = 0; i < anonymousClients; i++) {
                int n = i;
                byte[] content = n < MAX_SIZE_MESSAGES ? maxAnonymousBody : body;
                running.add(clients.submit(() -> run(start, failures, () -> {
                    try (SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT, untrusted(n))) {
                        client.readTimeout(END_OF_DATA_WAIT);
                        client.reply();
                        client.command("EHLO anonymous.test");
                        // RFC 5321 §4.5.1 and the relay policy: anyone may mail the local domain.
                        send(client, "sender@elsewhere.test", "load-" + n + "@local.test", content, accepted, full);
                        client.command("QUIT");
                    }
                })));
            }
            for (int i = 0; i < authenticatedClients; i++) {
                int n = i;
                running.add(clients.submit(() -> run(start, failures, () -> {
                    try (SmtpTestClient client = loggedIn(untrusted(100 + n))) {
                        for (int m = 0; m < MESSAGES_PER_LOGIN; m++) {
                            byte[] content = n < MAX_SIZE_MESSAGES && m == 0 ? maxBody : body;
                            send(client, "load@ok.test", "load-" + n + "-" + m + "@ok.test", content, accepted, full);
                        }
                        client.command("QUIT");
                    }
                })));
            }
            start.countDown();
            for (Future<?> client : running) {
                client.get(4, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        Duration sending = Duration.ofNanos(System.nanoTime() - began);

        Set<String> delivered = awaitDelivered(accepted);
        probe.stop();
        System.out.printf(
                "MemoryUnderLoadIT: %d sessions, %d messages of %d octets (%d at %d and %d), %d accepted in %s, %d times"
                        + " 452 4.3.1, %d delivered; API answered %d probes, slowest %d ms%n",
                SESSIONS,
                anonymousClients + authenticatedClients * MESSAGES_PER_LOGIN,
                MESSAGE_OCTETS,
                2 * MAX_SIZE_MESSAGES,
                MAX_ANONYMOUS_OCTETS,
                MAX_OCTETS,
                accepted.size(),
                sending,
                full.get(),
                delivered.size(),
                probe.answered.get(),
                probe.slowestMillis.get());

        assertThat(failures).as("client failures").isEmpty();
        assertThat(accepted).hasSize(anonymousClients + authenticatedClients * MESSAGES_PER_LOGIN);
        assertThat(delivered).containsAll(accepted);
        assertThat(probe.failures).as("API failures during the load").isEmpty();
        assertThat(probe.answered.get()).isPositive();
        assertThat(serverPid()).as("the same server process").isEqualTo(serverPid);
        assertThat(OutpostUnderTest.recipientsIn("DELIVERED")).isPositive();
    }

    private interface ClientWork {
        void run() throws Exception;
    }

    private static void run(CountDownLatch start, ConcurrentLinkedQueue<String> failures, ClientWork work) {
        try {
            start.await();
            work.run();
        } catch (Exception | AssertionError e) {
            failures.add(e.toString());
        }
    }

    private static SmtpTestClient loggedIn(InetAddress from) throws IOException, InterruptedException {
        String plain = Base64.getEncoder().encodeToString(("\0it-demo\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        LOGINS.acquire();
        try {
            String reply = "";
            for (int attempt = 0; attempt < 10; attempt++) {
                SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT, from);
                client.readTimeout(END_OF_DATA_WAIT);
                client.reply();
                client.command("EHLO submitter.test");
                expect(client.command("STARTTLS"), "220 ");
                client.startTls(trustingTheServer);
                client.command("EHLO submitter.test");
                reply = client.command("AUTH PLAIN " + plain);
                if (reply.startsWith("235 ")) {
                    return client;
                }
                // 454 4.7.0: the credential check ran past its time limit on a busy machine; a client tries later.
                client.close();
                Thread.sleep(2000);
            }
            throw new IOException("login refused: " + reply);
        } finally {
            LOGINS.release();
        }
    }

    /** One transaction; DATA refused with 452 4.3.1 is retried after a pause, as an MTA would retry later. */
    private static void send(
            SmtpTestClient client, String from, String to, byte[] body, Set<String> accepted, AtomicInteger full)
            throws IOException, InterruptedException {
        String marker = UUID.randomUUID().toString();
        expect(client.command("MAIL FROM:<" + from + ">"), "250 ");
        expect(client.command("RCPT TO:<" + to + ">"), "250 ");
        String data = client.command("DATA");
        for (int attempt = 0; data.startsWith("452 4.3.1") && attempt < 600; attempt++) {
            full.incrementAndGet();
            Thread.sleep(100 + (marker.hashCode() & 0xff));
            data = client.command("DATA");
        }
        expect(data, "354 ");
        client.send(("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: load " + marker + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        client.send(body);
        String reply = client.command(".");
        expect(reply, "250 2.0.0");
        accepted.add(marker);
    }

    private static void expect(String reply, String prefix) throws IOException {
        if (!reply.startsWith(prefix)) {
            throw new IOException("expected " + prefix + " but got " + reply);
        }
    }

    /** Waits until every accepted marker arrived; reads only the first octets of each delivered message. */
    private static Set<String> awaitDelivered(Set<String> accepted) throws InterruptedException {
        Set<String> delivered = new HashSet<>();
        int seen = 0;
        long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Transaction> transactions = TestNetwork.MX.transactions();
            for (; seen < transactions.size(); seen++) {
                byte[] data = transactions.get(seen).data();
                Matcher subject =
                        SUBJECT.matcher(new String(data, 0, Math.min(data.length, 8192), StandardCharsets.US_ASCII));
                if (subject.find()) {
                    delivered.add(subject.group(1));
                }
            }
            if (delivered.containsAll(accepted)) {
                break;
            }
            Thread.sleep(250);
        }
        return delivered;
    }

    /** Loopback addresses other than 127.0.0.1 (which the test server trusts), a few clients per address. */
    private static InetAddress untrusted(int n) throws IOException {
        return InetAddress.getByName("127.0.0." + (2 + n % 16));
    }

    /** Text lines of about {@code octets}, none starting with a dot, CRLF-ended. */
    private static byte[] body(int octets) {
        byte[] line = "0123456789 the quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnopq\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[octets - octets % line.length];
        for (int at = 0; at < body.length; at += line.length) {
            System.arraycopy(line, 0, body, at, line.length);
        }
        return body;
    }

    private static long serverPid() throws IOException {
        return Long.parseLong(Files.readString(OutpostUnderTest.USR_DIR.resolve("servers/.pid/outpost.pid"))
                .trim());
    }

    /** Asks the API for the queue's figures every half second while the load runs. */
    private static final class ApiProbe {

        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicInteger answered = new AtomicInteger();
        private final AtomicLong slowestMillis = new AtomicLong();
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        void start() {
            thread.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long began = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + OutpostUnderTest.HTTP_PORT
                                                + "/api/v1/queue/stats"))
                                        .timeout(Duration.ofSeconds(20))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            answered.incrementAndGet();
                            slowestMillis.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
                        } else {
                            failures.add("HTTP " + response.statusCode());
                        }
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        failures.add(e.toString());
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            thread.shutdownNow();
            thread.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
