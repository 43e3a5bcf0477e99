package io.outpost.relay.checks;

import static io.outpost.relay.checks.CheckedMessages.bulkHtml;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link check against a real HTTP server on 127.0.0.1. */
class LinkCheckTest {

    private HttpServer server;
    private String base;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void aWebServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/ok.png", "/page" -> exchange.sendResponseHeaders(200, -1);
                case "/moved" -> {
                    exchange.getResponseHeaders().add("Location", "/gone");
                    exchange.sendResponseHeaders(301, -1);
                }
                case "/to-file" -> {
                    exchange.getResponseHeaders().add("Location", "file:///etc/passwd");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/get-only" -> exchange.sendResponseHeaders(
                        exchange.getRequestMethod().equals("HEAD") ? 405 : 200, -1);
                case "/slow" -> {
                    try {
                        released.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(200, -1);
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    private LinkCheck allowingLoopback() {
        return new LinkCheck(LinkCheck.fetcher(true, Duration.ofSeconds(1), Duration.ofSeconds(3), pool));
    }

    @Test
    void workingLinksAndImagesPassOnlyWarnedOfPlainHttp() {
        CheckResult result = allowingLoopback()
                .check(bulkHtml("<a href='" + base + "/page#top'>Shop</a> <img src='" + base + "/ok.png'>"
                        + " <a href='" + base + "/get-only'>Get</a> <a href='mailto:x@shop.test'>Mail</a>"));
        assertThat(result.verdict()).as(result.why()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).startsWith("3 of 3 work.").contains("Plain http");
    }

    @Test
    void aMissingPageFailsNamingItsStatus() {
        CheckResult result = allowingLoopback()
                .check(bulkHtml("<a href='" + base + "/page'>Shop</a> <img src='" + base + "/missing.png'>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(result.why()).contains("1 of 2 broken: " + base + "/missing.png (HTTP 404)");
        assertThat(result.fix()).contains("Correct or remove");
    }

    @Test
    void redirectsAreFollowedToWhereTheyEnd() {
        CheckResult result = allowingLoopback().check(bulkHtml("<a href='" + base + "/moved'>Old</a>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.FAIL);
        assertThat(result.why()).contains("HTTP 404 at " + base + "/gone");
    }

    @Test
    void aRedirectToAnotherSchemeIsNotFollowed() {
        CheckResult result = allowingLoopback().check(bulkHtml("<a href='" + base + "/to-file'>File</a>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).contains("not fetched").contains("http or https");
    }

    @Test
    void aLinkWithoutAnAnswerInTimeWarns() {
        CheckResult result = allowingLoopback().check(bulkHtml("<a href='" + base + "/slow'>Slow</a>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).contains("No answer in time: " + base + "/slow");
    }

    @Test
    void privateAddressesAreNotFetchedUnlessAllowed() {
        LinkCheck guarded = new LinkCheck(LinkCheck.fetcher(false, Duration.ofSeconds(1), Duration.ofSeconds(3), pool));
        CheckResult result = guarded.check(bulkHtml("<a href='" + base + "/page'>Shop</a>"));
        assertThat(result.verdict()).isEqualTo(CheckVerdict.WARN);
        assertThat(result.why()).contains("not fetched").contains("not on the public internet");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aMessageWithoutWebLinksPasses() {
        assertThat(allowingLoopback().check(bulkHtml("<p>Hi</p>")).verdict()).isEqualTo(CheckVerdict.PASS);
    }
}
