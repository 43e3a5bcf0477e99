package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium (Debian's, with its chromedriver, installed by .ci/run) against the real
 * server: a tenant's user signs in, finds a message in the log, reads its timeline in plain words, composes a template,
 * previews it and test-sends it to a seed address that the test MX receives, sees the dashboard's chart, and finds in
 * the suppressions page the reader who unsubscribed through the link in a bulk message they received. Each page is
 * saved as a screenshot and checked for WCAG 2.1 AA ({@link HeadlessChromium}).
 */
class UiBrowserIT extends InABrowser {

    private static final Pattern UNSUBSCRIBE =
            Pattern.compile("(?m)^List-Unsubscribe: <(http://localhost:\\d+/u/[A-Za-z0-9_-]+)>");

    @Test
    void aUserSignsInFindsAMessageAndReadsItsTimeline() throws Exception {
        ApiSender shop = ApiSender.create("ui-browser");
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test";
        String token = PublishedDomains.json(
                        ApiClient.admin()
                                .post(
                                        "/admin/tenants/" + shop.id() + "/users",
                                        "{\"email\":\"" + owner + "\",\"role\":\"owner\"}"),
                        201)
                .getJsonObject("invitation")
                .getString("token");
        String subject = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        String sent = shop.send(subject);
        assertThat(awaitState(shop.api(), "/messages/" + sent, "DELIVERED")).isEqualTo("DELIVERED");

        chromium.open("/ui/#/invitation/" + token);
        chromium.type(By.name("password"), HeadlessChromium.PASSWORD);
        chromium.submit();
        chromium.await(By.xpath("//h1[text()='Welcome']"));
        chromium.screenshot("1-invitation-accepted");

        chromium.open("/ui/#/sign-in");
        chromium.type(By.name("tenant"), shop.id());
        chromium.type(By.name("email"), owner);
        chromium.type(By.name("password"), HeadlessChromium.PASSWORD);
        chromium.screenshot("2-sign-in");
        chromium.submit();
        chromium.await(By.xpath("//h1[text()='Messages']"));
        WebElement row = chromium.await(By.linkText("#" + sent));
        chromium.screenshot("3-messages");

        row.click();
        chromium.await(By.xpath("//h1[text()='Message #" + sent + "']"));
        String timeline =
                chromium.driver().findElement(By.className("timeline")).getText();
        assertThat(timeline).contains("delivered").contains("The recipient's server accepted the message.");
        chromium.screenshot("4-timeline");
        // The same message by Outpost's own id.
        chromium.open("/ui/#/messages");
        chromium.type(By.name("id"), sent);
        chromium.submit();
        chromium.await(By.xpath("//h1[text()='Message #" + sent + "']"));

        // Compose from a template, preview it, and test-send it to a seed address, which the test MX receives.
        String template = "welcome-" + UUID.randomUUID().toString().substring(0, 8);
        // An audience whose subscribers' attributes the compose page offers as merge fields.
        String audience = PublishedDomains.json(
                        shop.api()
                                .post(
                                        "/audiences",
                                        "{\"name\":\"Readers " + template + "\",\"consentText\":\"News, weekly.\","
                                                + "\"from\":\"" + shop.from() + "\",\"subject\":\"Confirm\","
                                                + "\"text\":\"Confirm: {{confirm_url}}\"}"),
                        201)
                .getString("id");
        String bea = "bea-" + template + "@ok.test";
        PublishedDomains.json(
                shop.api()
                        .send(
                                "POST",
                                "/audiences/" + audience + "/subscribers/import",
                                Optional.of("address,consented_at,firstName,city\r\n" + bea
                                        + ",2026-03-01T09:30:00Z,Bea,Oslo\r\n"),
                                "Content-Type",
                                "text/csv"),
                200);
        chromium.open("/ui/#/templates");
        chromium.type(By.name("name"), template);
        chromium.submit();
        chromium.await(By.xpath("//h1[text()='Template " + template + "']"));
        chromium.type(By.name("subject"), "Hello {{firstName}} " + template);
        // HTML whose body has a script is shown in the visual editor but not edited there: an edit would drop it.
        chromium.type(By.name("html"), "<p>Hi</p><script>track()</script>");
        chromium.await(By.xpath("//p[starts-with(., 'This HTML has a script')]"));
        chromium.click("Bold");
        assertThat(chromium.driver().findElement(By.name("html")).getAttribute("value"))
                .isEqualTo("<p>Hi</p><script>track()</script>");
        chromium.type(
                By.name("html"),
                "<!DOCTYPE html><html><head><meta name=\"viewport\" content=\"width=device-width\"></head><body>"
                        + "<p style=\"color:#123\">Hello <b>{{firstName}}</b>, welcome.</p></body></html>");
        // The visual editor shows the source, and what it formats goes back into the source. Its frame runs no
        // script at all, and only the UI's own pages may frame it.
        assertThat(Browser.HTTP
                        .send(
                                HttpRequest.newBuilder(URI.create(HeadlessChromium.BASE + "/ui/editor.html"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .headers()
                        .firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .startsWith("default-src 'none'; style-src 'unsafe-inline'")
                        .contains("frame-ancestors 'self'")
                        .doesNotContain("script-src"));
        chromium.select(By.cssSelector("iframe.visual-frame"), "welcome");
        chromium.click("Italic");
        assertThat(chromium.driver().findElement(By.name("html")).getAttribute("value"))
                .contains("<i>welcome</i>")
                .contains("style=\"color:#123\"")
                .contains("<meta name=\"viewport\" content=\"width=device-width\">");
        assertThat(chromium.driver()
                        .findElements(By.xpath("//p[starts-with(., 'This HTML has a script')]"))
                        .get(0)
                        .isDisplayed())
                .isFalse();
        chromium.driver()
                .findElement(By.xpath("//button[text()='Make the text part from the HTML']"))
                .click();
        assertThat(chromium.driver().findElement(By.name("text")).getAttribute("value"))
                .contains("Hello {{firstName}}, welcome.");
        chromium.driver()
                .findElement(By.xpath("//button[text()='Save a new version']"))
                .click();
        chromium.await(By.xpath("//p[text()='Saved as version 1.']"));
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("iframe.preview")));
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Hello Ann, welcome."));
        chromium.driver().switchTo().defaultContent();
        chromium.screenshot("5-compose");
        String seed = "seed-" + template + "@ok.test";
        chromium.type(By.name("from"), shop.from());
        chromium.type(By.name("seeds"), seed);
        chromium.driver()
                .findElement(By.xpath("//button[text()='Send a test']"))
                .click();
        chromium.await(By.xpath("//p[starts-with(., 'Test sent')]"));
        assertThat(TestNetwork.awaitTransactionsContaining("Hello Ann " + template, 1))
                .singleElement()
                .satisfies(arrived -> assertThat(arrived.rcptTo()).contains(seed));

        // Merge fields come from an audience's subscribers; the preview shows one subscriber's data; a file is
        // attached to the next version, and the next test send carries it.
        new Select(chromium.await(By.name("audience"))).selectByVisibleText("Readers " + template);
        chromium.await(By.xpath("//button[text()='{{city}}']"));
        WebElement html = chromium.driver().findElement(By.name("html"));
        html.click();
        html.sendKeys(Keys.END);
        chromium.click("{{city}}");
        assertThat(html.getAttribute("value")).endsWith("{{city}}");
        chromium.await(By.xpath("//select[@name='subscriber']/option[text()='" + bea + "']"));
        new Select(chromium.await(By.name("subscriber"))).selectByVisibleText(bea);
        assertThat(chromium.driver().findElement(By.name("data")).getAttribute("value"))
                .contains("\"city\": \"Oslo\"");
        Path notes = Files.createTempFile("notes", ".txt");
        Files.writeString(notes, "Notes for " + template);
        chromium.driver().findElement(By.name("attachments")).sendKeys(notes.toString());
        chromium.click("Save a new version");
        chromium.await(By.xpath("//p[text()='Saved as version 2.']"));
        chromium.await(By.xpath("//label[starts-with(., ' Keep " + notes.getFileName() + "')]"));
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("iframe.preview")));
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Oslo"));
        assertThat(chromium.driver().findElement(By.tagName("body")).getText()).startsWith("Hello Bea, welcome.");
        chromium.driver().switchTo().defaultContent();
        chromium.screenshot("5-compose-merge-fields");
        chromium.click("Send a test");
        String withFile = new String(
                TestNetwork.awaitTransactionsContaining("Hello Bea " + template, 1)
                        .get(0)
                        .data(),
                StandardCharsets.UTF_8);
        assertThat(withFile).contains("filename=" + notes.getFileName()).contains("Oslo");

        // The owner sees the sending domain's records to publish, each with what DNS shows, and checks it again.
        chromium.open("/ui/#/domains");
        chromium.await(By.linkText(shop.domain())).click();
        chromium.await(By.xpath("//h1[text()='" + shop.domain() + "']"));
        assertThat(chromium.driver().findElement(By.tagName("main")).getText())
                .contains("Ready to send")
                .contains("Records to publish");
        chromium.driver()
                .findElement(By.xpath("//button[text()='Check DNS now']"))
                .click();
        chromium.await(By.xpath("//h1[text()='" + shop.domain() + "']"));
        chromium.screenshot("6-domain");

        chromium.open("/ui/#/dashboard");
        chromium.await(By.xpath("//h1[text()='Dashboard']"));
        chromium.await(By.cssSelector("figure.chart canvas"));
        assertThat(chromium.driver().findElement(By.id("daily")).getText()).contains("Recipients per day");
        chromium.screenshot("6-dashboard-chart");

        // A reader unsubscribes through the link in the bulk message they received; the list shows it, and it is
        // undone.
        String reader = "reader-" + template + "@ok.test";
        PublishedDomains.json(
                shop.api()
                        .post(
                                "/messages",
                                "{\"from\":\"" + shop.from() + "\",\"to\":[\"" + reader + "\"],\"subject\":\"News "
                                        + template + "\",\"stream\":\"bulk\",\"text\":\"hello\"}"),
                202);
        String received = new String(
                TestNetwork.awaitTransactionsContaining("News " + template, 1)
                        .get(0)
                        .data(),
                StandardCharsets.UTF_8);
        Matcher link = UNSUBSCRIBE.matcher(received);
        assertThat(link.find()).as(received).isTrue();
        chromium.open(link.group(1));
        chromium.driver().findElement(By.cssSelector("button[name=confirm]")).click();
        chromium.await(By.xpath("//h1[text()='Unsubscribed']"));
        chromium.screenshot("7-unsubscribed");
        chromium.open("/ui/#/suppressions");
        chromium.type(By.name("contains"), reader);
        chromium.driver().findElement(By.xpath("//button[text()='Search']")).click();
        // The search's own answer, not the page's first listing, which it replaces.
        WebElement entry = chromium.await(By.xpath("//div[@aria-busy='false']//td[text()='" + reader + "']/.."));
        assertThat(entry.getText()).contains("unsubscribe").contains("bulk mail");
        chromium.screenshot("8-suppressions");
        entry.findElement(By.xpath(".//button[text()='Undo']")).click();
        chromium.await(By.xpath("//p[text()='No suppressions match.']"));

        chromium.driver().findElement(By.id("sign-out")).click();
        chromium.await(By.xpath("//h1[text()='Sign in']"));
        chromium.open("/ui/#/messages/" + sent);
        chromium.await(By.xpath("//h1[text()='Sign in']"));

        // A viewer reads the template but is offered neither a save nor a send (the API refuses both: UiSessionIT).
        chromium.signInAsNewUser(shop.id(), "viewer");
        chromium.open("/ui/#/templates/" + template);
        chromium.await(By.xpath("//p[text()='You may read templates; a sender or an owner saves and sends them.']"));
        assertThat(chromium.driver()
                        .findElements(By.xpath("//button[text()='Save a new version' or text()='Send a test']")))
                .isEmpty();
        chromium.screenshot("9-compose-as-viewer");
        chromium.driver().findElement(By.id("sign-out")).click();
        chromium.await(By.xpath("//h1[text()='Sign in']"));
    }
}
