package io.outpost.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs dkimpy (Debian python3-dkim), an independent DKIM verifier, on messages as the test MX received them; it fetches
 * the keys from the test DNS server, as a receiver would from real DNS.
 */
final class DkimpyOverDns {

    /** Debian's interpreter: the first python3 on PATH may be another build without the module. */
    private static final String PYTHON = "/usr/bin/python3";

    private DkimpyOverDns() {}

    /** Each message's signatures, top first, as {@code selector=pass} or {@code selector=fail}; "none" if unsigned. */
    static List<String> verify(List<byte[]> messages) throws IOException, InterruptedException {
        Path script;
        try {
            script = Path.of(
                    DkimpyOverDns.class.getResource("/dkim/verify-with-dns.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Process process =
                new ProcessBuilder(PYTHON, script.toString(), Integer.toString(OutpostUnderTest.DNS_PORT)).start();
        try (OutputStream in = process.getOutputStream()) {
            for (byte[] message : messages) {
                in.write((Base64.getEncoder().encodeToString(message) + "\n").getBytes(US_ASCII));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dkimpy did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("dkimpy failed with exit " + process.exitValue() + ": " + err);
        }
        List<String> results = out.lines().toList();
        if (results.size() != messages.size()) {
            throw new AssertionError("dkimpy answered " + results + " for " + messages.size() + " messages: " + err);
        }
        return results;
    }
}
