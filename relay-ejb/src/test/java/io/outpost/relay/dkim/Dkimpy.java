package io.outpost.relay.dkim;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs dkimpy (Debian python3-dkim), an independent DKIM verifier, on signed messages. Keys come from the given
 * records, never from real DNS. Several messages go through one python process (start-up costs ~100 ms).
 */
final class Dkimpy {

    /** Debian's interpreter: the first python3 on PATH may be another build without the module. */
    private static final String PYTHON = "/usr/bin/python3";

    private Dkimpy() {}

    /** The result of each message's signatures, top first: "pass", "pass pass", "fail", "none". */
    static List<String> verify(Map<String, String> txtRecords, List<byte[]> messages) {
        Path script;
        try {
            script = Path.of(Dkimpy.class.getResource("/dkim/verify.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Process process;
        try {
            process = new ProcessBuilder(PYTHON, script.toString()).start();
        } catch (IOException e) {
            throw new AssertionError(
                    PYTHON
                            + " cannot be started; DKIM tests need it with python3-dkim (apt-get install -y python3-dkim)",
                    e);
        }
        try (OutputStream in = process.getOutputStream()) {
            for (Map.Entry<String, String> record : txtRecords.entrySet()) {
                in.write(("KEY " + record.getKey() + " "
                                + base64(record.getValue().getBytes(US_ASCII)) + "\n")
                        .getBytes(US_ASCII));
            }
            for (byte[] message : messages) {
                in.write(("MSG " + base64(message) + "\n").getBytes(US_ASCII));
            }
        } catch (IOException e) {
            // The process died early; its exit code and stderr below say why.
        }
        try {
            String out = new String(process.getInputStream().readAllBytes(), UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("dkimpy did not finish in 30 s");
            }
            if (process.exitValue() == 2) {
                throw new AssertionError("DKIM tests need dkimpy: " + err.strip()
                        + " (.ci/run installs it; run `apt-get install -y python3-dkim`)");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("dkimpy failed with exit " + process.exitValue() + ": " + err);
            }
            List<String> results = new ArrayList<>(out.lines().toList());
            if (results.size() != messages.size()) {
                throw new AssertionError(
                        "dkimpy answered " + results + " for " + messages.size() + " messages: " + err);
            }
            return results;
        } catch (IOException e) {
            throw new AssertionError("cannot read dkimpy's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The result for one message. */
    static String verify(Map<String, String> txtRecords, byte[] message) {
        return verify(txtRecords, List.of(message)).get(0);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
