package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.outpost.relay.testing.Spamd;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pre-send checks in the compose page, in a real headless Chromium against the real server with a real spamd: a
 * sender composes a template that SpamAssassin scores as spam and that links to a missing page, runs the checks and
 * reads why they fail; then runs them on a clean newsletter, which nothing blocks. Both pages are saved as screenshots
 * and checked for WCAG 2.1 AA ({@link HeadlessChromium}).
 */
class UiChecksBrowserIT extends InABrowser {

    private static HttpServer web;
    private static String site;
    private static ApiSender shop;

    @BeforeAll
    static void spamdAndAWebServer() throws Exception {
        Spamd.shared(Integer.getInteger("it.spamd.port", 20783));
        web = PreSendChecksIT.startWebServer();
        site = "http://127.0.0.1:" + web.getAddress().getPort();
        shop = ApiSender.create("ui-checks");
        PreSendChecksIT.publishDmarc(shop.domain(), "v=DMARC1; p=reject");
    }

    @AfterAll
    static void stop() throws Exception {
        if (web != null) {
            web.stop(0);
        }
    }

    @Test
    void aSenderRunsTheChecksOnAFailingAndAPassingTemplate() throws Exception {
        chromium.signInAsNewUser(shop.id(), "sender");

        String failing = "spammy-" + UUID.randomUUID().toString().substring(0, 8);
        chromium.open("/ui/#/templates");
        chromium.type(By.name("name"), failing);
        chromium.submit();
        chromium.await(By.xpath("//h1[text()='Template " + failing + "']"));
        chromium.type(By.name("subject"), "Offer");
        chromium.type(By.name("html"), PreSendChecksIT.failingHtml(site));
        chromium.click("Save a new version");
        chromium.await(By.xpath("//p[text()='Saved as version 1.']"));
        chromium.type(By.name("from"), shop.from());
        chromium.click("Run the checks");
        chromium.await(By.xpath("//p[starts-with(., 'Sending is blocked')]"));
        String spam = chromium.await(By.xpath("//li[contains(@class, 'fail')][contains(., 'SpamAssassin score')]"))
                .getText();
        assertThat(spam).startsWith("Fail SpamAssassin score").contains("GTUBE").contains("How to fix:");
        assertThat(chromium.await(By.xpath("//li[contains(@class, 'fail')][contains(., 'Links and images')]"))
                        .getText())
                .contains(site + "/missing/offer (HTTP 404)");
        showTheChecks();
        chromium.screenshot("checks-1-failing");

        String clean = "autumn-" + UUID.randomUUID().toString().substring(0, 8);
        PublishedDomains.json(
                shop.api()
                        .put(
                                "/templates/" + clean,
                                "{\"subject\":\"Autumn books\",\"html\":"
                                        + PreSendChecksIT.jsonString(PreSendChecksIT.cleanHtml(site)) + ",\"text\":"
                                        + PreSendChecksIT.jsonString("Hello {{firstName}}, new books this week. Shop"
                                                + " Ltd, 10 High Street, London. Unsubscribe: " + site + "/preferences")
                                        + "}"),
                201);
        chromium.open("/ui/#/templates/" + clean);
        chromium.await(By.xpath("//h1[text()='Template " + clean + "']"));
        chromium.type(By.name("from"), shop.from());
        chromium.click("Run the checks");
        chromium.await(By.xpath("//p[starts-with(., 'Nothing blocks sending')]"));
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(5))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.check")));
        assertThat(chromium.driver().findElements(By.cssSelector("li.check.fail")))
                .isEmpty();
        assertThat(chromium.await(By.xpath("//li[contains(., 'SpamAssassin score')]"))
                        .getText())
                .startsWith("Pass SpamAssassin score");
        assertThat(chromium.mainText()).contains("Pass Unsubscribe link in the body");
        showTheChecks();
        chromium.screenshot("checks-2-passing");
    }

    // The panel is below the preview: scrolled to, so that the screenshot shows the results.
    private static void showTheChecks() {
        ((org.openqa.selenium.JavascriptExecutor) chromium.driver())
                .executeScript("document.getElementById('checks-heading').scrollIntoView()");
    }
}
