package io.outpost.it;

import io.outpost.relay.testing.TestDnsServer;
import io.outpost.relay.testing.TestSmtpReceiver;

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
}
