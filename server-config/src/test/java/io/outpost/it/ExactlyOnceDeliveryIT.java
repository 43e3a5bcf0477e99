package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each recipient arrives once at a destination that answers the end of data only after more than a lease (the test
 * server's is 6 s) has passed, with a restart of the server in the middle: claims are renewed while attempts run, an
 * outcome counts only for the attempt that holds the claim, and a stopping server hands its waiting work back.
 */
class ExactlyOnceDeliveryIT {

    /** The test server's outpost.delivery.lease (server-config/pom.xml). */
    private static final Duration LEASE = Duration.ofSeconds(6);

    private static final Duration SLOWER_THAN_THE_LEASE = Duration.ofSeconds(8);
    private static final int MESSAGES = 6;
    private static final int RECIPIENTS = 4;

    @BeforeAll
    static void startNetwork() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        PublishedDomains.signOkTest();
    }

    @AfterEach
    void answerPromptlyAgain() {
        TestNetwork.MX.answerDataAfter(Duration.ZERO);
    }

    @Test
    void everyRecipientArrivesOnceFromASlowDestinationAcrossARestart() throws Exception {
        TestNetwork.MX.answerDataAfter(SLOWER_THAN_THE_LEASE);
        String run = "once-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> everyone = new ArrayList<>();
        try (SmtpTestClient client = new SmtpTestClient(OutpostUnderTest.SMTP_PORT)) {
            client.reply();
            client.command("EHLO once.client.test");
            for (int m = 0; m < MESSAGES; m++) {
                assertThat(client.command("MAIL FROM:<sender@ok.test>")).startsWith("250");
                for (int r = 0; r < RECIPIENTS; r++) {
                    String rcpt = run + "-" + m + "-" + r + "@ok.test";
                    assertThat(client.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
                    everyone.add(rcpt);
                }
                assertThat(client.command("DATA")).startsWith("354");
                client.send(("From: <sender@ok.test>\r\nSubject: " + run + "\r\n\r\nonce\r\n.\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(client.reply()).startsWith("250");
            }
        }

        // Every message's first attempt has sent its data; the replies come only after the lease (6 s) has run out.
        // Past that point a claim that was not renewed is taken again and sent a second time. Then stop the server
        // while the replies are still outstanding: it lets running attempts finish and record before it goes.
        TestNetwork.awaitTransactionsContaining(run, MESSAGES);
        Thread.sleep(LEASE.plusMillis(1500).toMillis());
        OutpostUnderTest.stopServer();
        OutpostUnderTest.startServer();

        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && !arrivals(run).keySet().containsAll(everyone)) {
            Thread.sleep(250);
        }
        // Any second copy would come from an attempt already under way: give those time to finish.
        Thread.sleep(SLOWER_THAN_THE_LEASE.multipliedBy(2).toMillis());
        Map<String, Long> arrivals = arrivals(run);
        assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(everyone);
        assertThat(arrivals)
                .allSatisfy((rcpt, count) -> assertThat(count).as(rcpt).isEqualTo(1));
    }

    private static Map<String, Long> arrivals(String run) {
        return TestNetwork.MX.transactions().stream()
                .filter(t -> t.text().contains(run))
                .map(Transaction::rcptTo)
                .flatMap(List::stream)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
