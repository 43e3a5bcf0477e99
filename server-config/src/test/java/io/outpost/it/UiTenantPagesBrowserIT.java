package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tenant's other pages in a real headless Chromium against the real server ({@link HeadlessChromium}): an owner
 * makes an API key, sees it once and revokes it; makes an audience and sees a subscriber's proof of consent; adds a
 * webhook and reads its delivery log; imports suppressions from a CSV and exports them; finds a message by its tag;
 * sees the dashboard of one sending domain with the rates' limit lines. A viewer is offered no button that changes
 * anything, and a user of another tenant who opens those pages' addresses sees "Not found" and none of the data. Each
 * page is saved as a screenshot and checked for WCAG 2.1 AA.
 */
class UiTenantPagesBrowserIT extends InABrowser {

    private static HttpServer receiver;

    @BeforeAll
    static void aWebhookReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopTheReceiver() throws Exception {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void anOwnerKeepsKeysAudiencesWebhooksAndListsAndReadsTheDashboardWhileOthersSeeNone() throws Exception {
        ApiSender shop = ApiSender.create("ui-pages");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        chromium.signInAsNewUser(shop.id(), "owner");

        // An API key, shown once with its warning, listed without it, revoked after a confirmation.
        chromium.open("/ui/#/keys");
        chromium.click("Create an API key");
        String key = chromium.await(By.id("new-secret")).getText();
        assertThat(chromium.mainText()).contains("It will not be shown again.");
        String keyId = key.substring(0, key.indexOf('.'));
        assertThat(ApiClient.bearer(key).get("/tenant").statusCode()).isEqualTo(200);
        chromium.screenshot("pages-1-api-key-shown-once");
        chromium.open("/ui/#/messages");
        chromium.open("/ui/#/keys");
        WebElement row = chromium.await(By.xpath("//td[code[text()='" + keyId + "']]/.."));
        assertThat(chromium.mainText()).doesNotContain(key);
        row.findElement(By.xpath(".//button[text()='Revoke']")).click();
        chromium.driver().switchTo().alert().accept();
        chromium.await(By.xpath("//td[code[text()='" + keyId + "']]/../td[starts-with(., 'revoked')]"));
        assertThat(ApiClient.bearer(key).get("/tenant").statusCode()).isEqualTo(401);
        chromium.screenshot("pages-2-api-key-revoked");

        // An SMTP credential: its password shown once, then listed without it.
        String smtpUser = "smtp-" + unique;
        chromium.type(By.name("username"), smtpUser);
        chromium.click("Create an SMTP credential");
        chromium.await(By.xpath("//strong[starts-with(., 'The password of the SMTP user " + smtpUser + "')]"));
        String password = chromium.driver().findElement(By.id("new-secret")).getText();
        assertThat(password).isNotBlank();
        chromium.await(By.xpath("//td[code[text()='" + smtpUser + "']]/../td[text()='active']"));
        chromium.open("/ui/#/messages");
        chromium.open("/ui/#/keys");
        chromium.await(By.xpath("//td[code[text()='" + smtpUser + "']]"));
        assertThat(chromium.mainText()).doesNotContain(password);

        // An audience, a subscriber added (the confirmation goes out), and the proof of their consent.
        String audienceName = "Readers " + unique;
        chromium.open("/ui/#/audiences");
        chromium.type(By.name("name"), audienceName);
        chromium.type(By.name("consentText"), "Send me the monthly news " + unique);
        chromium.type(By.name("from"), shop.from());
        chromium.type(By.name("subject"), "Please confirm " + unique);
        chromium.type(By.name("text"), "Follow the link to confirm: {{confirm_url}}");
        chromium.submit();
        chromium.await(By.xpath("//h1[text()='Audience " + audienceName + "']"));
        String audienceUrl = chromium.driver().getCurrentUrl();
        String subscriber = "ann-" + unique + "@ok.test";
        chromium.type(By.name("address"), subscriber);
        chromium.type(By.name("attributes"), "firstName=Ann");
        chromium.click("Send the confirmation");
        WebElement subscribed = chromium.await(By.xpath("//td[text()='" + subscriber + "']/.."));
        assertThat(subscribed.getText())
                .contains("pending")
                .contains("firstName")
                .contains("Ann")
                .contains("Source")
                .contains("Asked")
                .contains("Confirmed");
        assertThat(chromium.mainText()).contains("Send me the monthly news " + unique);
        assertThat(TestNetwork.awaitTransactionsContaining("Please confirm " + unique, 1))
                .singleElement()
                .satisfies(arrived -> assertThat(arrived.rcptTo()).contains(subscriber));

        // Subscribers whose consent the tenant holds, imported with its stated proof.
        String bob = "bob-" + unique + "@ok.test";
        Path subscribers = Files.createTempFile("subscribers", ".csv");
        Files.writeString(
                subscribers,
                "address,consented_at,ip,user_agent,source,firstName\n" + bob
                        + ",2026-11-30T09:00:00Z,192.0.2.7,Mozilla/5.0 Test,shop checkout,Bob\n");
        chromium.await(By.name("csv")).sendKeys(subscribers.toAbsolutePath().toString());
        chromium.click("Import");
        assertThat(chromium.await(By.className("import-counts")).getText()).contains("1 added");
        Files.delete(subscribers);
        assertThat(chromium.await(By.xpath("//td[text()='" + bob + "']/..")).getText())
                .contains("confirmed")
                .contains("Bob")
                .contains("192.0.2.7")
                .contains("Mozilla/5.0 Test")
                .contains("shop checkout");
        chromium.screenshot("pages-3-audience-consent-proof");

        // A webhook (its secret shown once), then its delivery log once a message's events reached it.
        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        chromium.open("/ui/#/webhooks");
        chromium.type(By.name("url"), hookUrl);
        chromium.driver().findElement(By.id("kind-DELIVERED")).click();
        chromium.submit();
        assertThat(chromium.await(By.id("new-secret")).getText()).isNotBlank();
        chromium.screenshot("pages-4-webhooks");
        String tag = "spring-" + unique;
        String tagged = PublishedDomains.json(
                        shop.api()
                                .post(
                                        "/messages",
                                        "{\"from\":\"" + shop.from() + "\",\"to\":[\"tagged-" + unique
                                                + "@ok.test\"],\"subject\":\"Tagged " + unique
                                                + "\",\"text\":\"hi\",\"tags\":[\"" + tag + "\"]}"),
                        202)
                .getString("id");
        String untagged = shop.send("untagged-" + unique);
        assertThat(awaitState(shop.api(), "/messages/" + tagged, "DELIVERED")).isEqualTo("DELIVERED");
        chromium.await(By.linkText(hookUrl)).click();
        String webhookUrl = chromium.driver().getCurrentUrl();
        awaitCell("sent");
        chromium.await(By.xpath("//button[text()='Send again from here']")).click();
        chromium.await(By.xpath("//p[starts-with(., 'Sending again from position')]"));
        chromium.screenshot("pages-5-webhook-deliveries");

        // Suppressions imported from a CSV, then exported with the session's cookie.
        Path csv = Files.createTempFile("suppressions", ".csv");
        String imported = "gone-" + unique + "@ok.test";
        Files.writeString(csv, "address,note\n" + imported + ",left us\nnot an address,x\n");
        chromium.open("/ui/#/suppressions");
        chromium.await(By.name("csv")).sendKeys(csv.toAbsolutePath().toString());
        chromium.click("Import");
        assertThat(chromium.await(By.className("import-counts")).getText())
                .contains("1 added")
                .contains("1 refused");
        Files.delete(csv);
        chromium.await(By.xpath("//div[@aria-busy='false']//td[text()='" + imported + "']"));
        String exported = (String) ((JavascriptExecutor) chromium.driver())
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('export').href).then(r => r.text()).then(done);");
        assertThat(exported).contains(imported);
        chromium.screenshot("pages-6-suppressions-import-export");

        // The message log by tag.
        chromium.open("/ui/#/messages");
        chromium.type(By.name("tag"), tag);
        chromium.await(By.linkText("#" + untagged));
        chromium.click("Search");
        // The page first lists every message; the search by tag then leaves the untagged one out.
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .until(ExpectedConditions.invisibilityOfElementLocated(By.linkText("#" + untagged)));
        chromium.await(By.linkText("#" + tagged));
        chromium.screenshot("pages-7-messages-by-tag");

        // The dashboard of the sending domain, with the limit lines.
        chromium.open("/ui/#/dashboard");
        chromium.await(By.linkText(shop.domain())).click();
        chromium.await(By.xpath("//h1[text()='Dashboard: sending domain " + shop.domain() + "']"));
        chromium.await(By.cssSelector("figure[data-chart=complaints] canvas"));
        assertThat(chromium.driver()
                        .findElement(By.cssSelector("figure[data-chart=complaints]"))
                        .getText())
                .contains("Limit (0.3 %)");
        assertThat(chromium.driver()
                        .findElement(By.cssSelector("figure[data-chart=hard-bounces]"))
                        .getText())
                .contains("Limit (5.0 %)");
        assertThat(chromium.driver().findElement(By.id("daily")).getText()).contains("Recipients per day");
        chromium.screenshot("pages-8-dashboard-domain");

        // A viewer reads but is offered nothing that changes anything.
        chromium.signInAsNewUser(shop.id(), "viewer");
        for (String page : List.of("keys", "webhooks", "suppressions", "audiences")) {
            chromium.open("/ui/#/dashboard");
            chromium.await(By.xpath("//h1[text()='Dashboard']"));
            chromium.open("/ui/#/" + page);
            chromium.await(By.xpath("//h1[text()!='Dashboard']"));
            // Searching changes nothing; every other button would.
            assertThat(chromium.driver().findElements(By.cssSelector("main button")))
                    .as(page)
                    .extracting(WebElement::getText)
                    .allMatch("Search"::equals);
        }
        assertThat(chromium.mainText()).contains(audienceName);
        chromium.open(audienceUrl.substring(audienceUrl.indexOf("/ui/")));
        chromium.await(By.xpath("//td[text()='" + subscriber + "']"));
        assertThat(chromium.driver().findElements(By.cssSelector("main button")))
                .isEmpty();
        chromium.screenshot("pages-9-viewer-audience");

        // A user of another tenant opens the addresses of this tenant's message, audience and webhook.
        ApiSender other = ApiSender.create("ui-pages-other");
        // Signed out first: a viewer's session may not accept an invitation (it changes something).
        chromium.driver().findElement(By.id("sign-out")).click();
        chromium.await(By.xpath("//h1[text()='Sign in']"));
        chromium.signInAsNewUser(other.id(), "owner");
        for (String address : List.of(
                "/ui/#/messages/" + tagged,
                audienceUrl.substring(audienceUrl.indexOf("/ui/")),
                webhookUrl.substring(webhookUrl.indexOf("/ui/")))) {
            chromium.open("/ui/#/dashboard");
            chromium.await(By.xpath("//h1[text()='Dashboard']"));
            chromium.open(address);
            chromium.await(By.xpath("//h1[text()='Not found']"));
            assertThat(chromium.mainText())
                    .as(address)
                    .doesNotContain(subscriber)
                    .doesNotContain(audienceName)
                    .doesNotContain(hookUrl)
                    .doesNotContain(shop.from());
        }
        chromium.screenshot("pages-10-other-tenant-not-found");
    }

    // Reloads the page until a cell shows the text: an event reaches a webhook a moment after it happens.
    private static void awaitCell(String text) throws InterruptedException {
        By cell = By.xpath("//td[text()='" + text + "']");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (chromium.driver().findElements(cell).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            chromium.driver().navigate().refresh();
            chromium.await(By.tagName("h1"));
        }
        chromium.await(cell);
    }
}
