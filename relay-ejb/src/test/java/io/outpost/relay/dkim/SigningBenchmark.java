package io.outpost.relay.dkim;

import io.outpost.api.mail.Domain;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What DKIM signing costs intake per message: rsa-sha256, ed25519-sha256 and both, on one thread, for a message of the
 * given size. Run by bench/dkim-sign.sh; a main class, not a test (speed is measured here, never asserted).
 */
public final class SigningBenchmark {

    private static final int WARM_UP = 500;
    private static final int ROUNDS = 5;

    private SigningBenchmark() {}

    public static void main(String[] args) throws MalformedMessageException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        byte[] message = message(size);
        Domain domain = Domain.of("example.test");
        DkimKey rsa = new DkimKey(
                domain,
                "r",
                DkimKey.Algorithm.RSA_SHA256,
                DkimKeys.generateRsa2048().getPrivate());
        DkimKey ed = new DkimKey(
                domain,
                "e",
                DkimKey.Algorithm.ED25519_SHA256,
                DkimKeys.generateEd25519().getPrivate());
        DkimSigner signer = new DkimSigner();
        System.out.println("# java " + Runtime.version() + ", message " + message.length + " octets, " + perRound
                + " signatures per round, " + ROUNDS + " rounds; median (min-max) microseconds per message");
        for (List<DkimKey> keys : List.of(List.of(rsa), List.of(ed), List.of(rsa, ed))) {
            for (int i = 0; i < WARM_UP; i++) {
                signer.sign(message, keys);
            }
            double[] micros = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    signer.sign(message, keys);
                }
                micros[round] = (System.nanoTime() - start) / 1000.0 / perRound;
            }
            java.util.Arrays.sort(micros);
            double median = micros[ROUNDS / 2];
            System.out.printf(
                    "%-32s %6.0f us (%.0f-%.0f)  = %5.0f messages/s per core%n",
                    keys.stream().map(k -> k.algorithm().tag()).toList(),
                    median,
                    micros[0],
                    micros[ROUNDS - 1],
                    1e6 / median);
        }
    }

    private static byte[] message(int size) {
        StringBuilder text = new StringBuilder(
                "From: <news@example.test>\r\nTo: <ann@example.net>\r\n"
                        + "Subject: benchmark\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.test>\r\n\r\n");
        while (text.length() < size) {
            text.append("x".repeat(76)).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
