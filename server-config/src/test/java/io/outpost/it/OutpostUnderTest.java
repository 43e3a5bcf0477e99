package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Liberty server that liberty-maven-plugin started for this build, and the ports the tests' own DNS and receiving
 * SMTP servers must use (the server was configured with them). Everything is on 127.0.0.1.
 */
final class OutpostUnderTest {

    static final int SMTP_PORT = Integer.getInteger("it.smtp.port", 20025);
    static final int HTTP_PORT = Integer.getInteger("it.http.port", 20080);
    static final int DNS_PORT = Integer.getInteger("it.dns.port", 20053);
    static final int MX_PORT = Integer.getInteger("it.mx.port", 20026);
    static final Path WLP_DIR = Path.of(System.getProperty("it.wlp.dir", "target/wlp"));
    static final Path USR_DIR = Path.of(System.getProperty("it.usr.dir", "target/liberty-usr"));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OutpostUnderTest() {}

    /** How many recipients are in {@code state} now, from the queue stats endpoint. */
    static long recipientsIn(String state) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/v1/queue/stats"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("queue stats answered " + response.statusCode() + ": " + response.body());
        }
        Matcher m = Pattern.compile("\"" + state + "\"\\s*:\\s*(\\d+)").matcher(response.body());
        if (!m.find()) {
            throw new IOException("no " + state + " in " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** Kills the server's JVM with SIGKILL, as a power cut or the OOM killer would: no shutdown hook runs. */
    static void killServer() throws IOException, InterruptedException {
        long pid = Long.parseLong(
                Files.readString(USR_DIR.resolve("servers/.pid/outpost.pid")).trim());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no process " + pid));
        server.destroyForcibly();
        server.onExit().join();
    }

    /** Stops the server as an operator does ({@code server stop}): the application shuts down in order. */
    static void stopServer() throws IOException, InterruptedException {
        ProcessBuilder stop = new ProcessBuilder(WLP_DIR.resolve("bin/server").toString(), "stop", "outpost")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        stop.environment().put("WLP_USER_DIR", USR_DIR.toString());
        int exit = stop.start().waitFor();
        if (exit != 0) {
            throw new IOException("server stop exited with " + exit);
        }
    }

    /** Starts the server again with the same configuration and waits until it accepts SMTP connections. */
    static void startServer() throws IOException, InterruptedException {
        ProcessBuilder start = new ProcessBuilder(WLP_DIR.resolve("bin/server").toString(), "start", "outpost")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        start.environment().put("WLP_USER_DIR", USR_DIR.toString());
        int exit = start.start().waitFor();
        if (exit != 0) {
            throw new IOException("server start exited with " + exit);
        }
        awaitSmtp(Duration.ofMinutes(3));
    }

    /** A TLS context that trusts the certificate in the server's own keystore (Liberty's self-signed one). */
    static SSLContext trustingTheServer() throws IOException, GeneralSecurityException {
        Path server = USR_DIR.resolve("servers/outpost");
        String password = Files.readAllLines(server.resolve("server.env")).stream()
                .filter(line -> line.startsWith("keystore_password="))
                .map(line -> line.substring("keystore_password=".length()))
                .findFirst()
                .orElseThrow();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.resolve("resources/security/key.p12"))) {
            keys.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A submission session as a mail client opens one: EHLO, STARTTLS trusting the server, EHLO again, AUTH PLAIN. */
    static SmtpTestClient authenticated(String helo, String user, String password) throws Exception {
        SmtpTestClient client = new SmtpTestClient(SMTP_PORT);
        client.reply();
        client.command("EHLO " + helo);
        assertThat(client.command("STARTTLS")).startsWith("220");
        client.startTls(trustingTheServer());
        client.command("EHLO " + helo);
        String plain =
                Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        assertThat(client.command("AUTH PLAIN " + plain)).startsWith("235");
        return client;
    }

    static void awaitSmtp(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", SMTP_PORT), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IOException("SMTP port " + SMTP_PORT + " not open after " + timeout);
    }
}
