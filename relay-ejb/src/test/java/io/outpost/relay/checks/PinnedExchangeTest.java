package io.outpost.relay.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PinnedExchangeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private HttpServer server;
    private final AtomicReference<String> host = new AtomicReference<>();

    @BeforeEach
    void aWebServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/moved", exchange -> {
            host.set(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getResponseHeaders().add("Location", "/here");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void goesToTheCheckedAddressAndNamesTheHostInTheRequest() throws IOException {
        int port = server.getAddress().getPort();
        // The name resolves nowhere (RFC 2606): the request can only have gone to the address given.
        URI url = URI.create("http://pinned.invalid:" + port + "/moved?x=1");

        PinnedExchange.Answer answer = PinnedExchange.send(url, LOOPBACK, "HEAD", Duration.ofSeconds(5));

        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.location()).contains("/here");
        assertThat(host.get()).isEqualTo("pinned.invalid:" + port);
    }

    @Test
    void aServerThatNeverEndsItsHeaderRunsOutOfTime() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, LOOPBACK)) {
            Thread dripping = new Thread(() -> {
                try (Socket client = silent.accept();
                        OutputStream out = client.getOutputStream()) {
                    out.write("HTTP/1.1 200 OK\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(3_000);
                } catch (IOException | InterruptedException e) {
                    // The client gave up: what the test wants.
                }
            });
            dripping.start();
            URI url = URI.create("http://slow.invalid:" + silent.getLocalPort() + "/");

            assertThatThrownBy(() -> PinnedExchange.send(url, LOOPBACK, "GET", Duration.ofMillis(500)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void whatIsNoHttpAnswerIsAnError() throws IOException {
        try (ServerSocket garbage = new ServerSocket(0, 1, LOOPBACK)) {
            Thread answering = new Thread(() -> {
                try (Socket client = garbage.accept();
                        OutputStream out = client.getOutputStream()) {
                    out.write("220 smtp.example ESMTP\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // Nothing to do: the answer is the test's.
                }
            });
            answering.start();
            URI url = URI.create("http://smtp.invalid:" + garbage.getLocalPort() + "/");

            assertThatThrownBy(() -> PinnedExchange.send(url, LOOPBACK, "GET", Duration.ofSeconds(5)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("not an HTTP/1.1 answer");
        }
    }
}
