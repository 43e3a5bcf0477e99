package io.outpost.it;

import io.outpost.relay.testing.TestDnsServer;
import io.outpost.relay.testing.TestSmtpReceiver;
import io.outpost.relay.testing.TestSmtpReceiver.Transaction;
import java.time.Duration;
import java.util.List;

/**
 * The outside world as the server under test sees it: one DNS server answering for the test domains (all mail hosts
 * are 127.0.0.1) and one receiving SMTP server on the delivery port. Shared by every IT class in the run, since the
 * server was configured with their fixed ports.
 */
final class TestNetwork {

    static final TestDnsServer DNS = new TestDnsServer();
    static final TestSmtpReceiver MX = new TestSmtpReceiver();

    private static boolean started;

    private TestNetwork() {}

    static synchronized void start() {
        if (started) {
            return;
        }
        DNS.add("ok.test. 60 IN MX 10 mx.ok.test.")
                .add("mx.ok.test. 60 IN A 127.0.0.1")
                .add("crash.test. 60 IN MX 10 mx.ok.test.")
                .add("implicit.test. 60 IN A 127.0.0.1")
                // The local domain (outpost.smtp.local-domains) is delivered like any other, here to the test MX.
                .add("local.test. 60 IN MX 10 mx.ok.test.")
                // RFC 7505: a single MX of preference 0 and host "." says the domain takes no mail.
                .add("nullmx.test. 60 IN MX 0 .")
                .start(OutpostUnderTest.DNS_PORT);
        MX.start(OutpostUnderTest.MX_PORT);
        started = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            MX.close();
            DNS.close();
        }));
    }

    /** Waits until {@code count} transactions whose data contains {@code marker} arrived at the test MX. */
    static List<Transaction> awaitTransactionsContaining(String marker, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Transaction> matching = MX.transactions().stream()
                    .filter(t -> t.text().contains(marker))
                    .toList();
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + count + " transactions with " + marker + " arrived");
    }
}
