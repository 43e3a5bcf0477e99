package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium (Debian's, with its chromedriver, installed by .ci/run) against the real
 * server: a tenant's user signs in, finds a message in the log, reads its timeline in plain words, composes a template,
 * previews it and test-sends it to a seed address that the test MX receives, sees the dashboard's chart, and finds in
 * the suppressions page the reader who unsubscribed through the link in a bulk message they received. Each page is
 * saved as a screenshot under target/screenshots, and checked for WCAG 2.1 AA by axe-core in the page.
 */
class UiBrowserIT {

    private static final String BASE = "http://localhost:" + OutpostUnderTest.HTTP_PORT;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "correct horse battery";
    private static final Pattern UNSUBSCRIBE =
            Pattern.compile("(?m)^List-Unsubscribe: <(http://localhost:\\d+/u/[A-Za-z0-9_-]+)>");

    // axe-core, the accessibility engine the browser tests run in each page: installed with the UI's build tools by the
    // relay-web module's npm ci, never part of the WAR.
    private static final Path AXE =
            Path.of("..", "relay-web", "src", "main", "ui", "node_modules", "axe-core", "axe.min.js");

    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void aBrowser() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("outpost-chromium");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                // No background connections: this machine's network is closed, and tests talk to loopback only.
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1280,900",
                        "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

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

        browser.get(BASE + "/ui/#/invitation/" + token);
        type(By.name("password"), PASSWORD);
        submit();
        await(By.xpath("//h1[text()='Welcome']"));
        screenshot("1-invitation-accepted");

        browser.get(BASE + "/ui/#/sign-in");
        type(By.name("tenant"), shop.id());
        type(By.name("email"), owner);
        type(By.name("password"), PASSWORD);
        screenshot("2-sign-in");
        submit();
        await(By.xpath("//h1[text()='Messages']"));
        WebElement row = await(By.linkText("#" + sent));
        screenshot("3-messages");

        row.click();
        await(By.xpath("//h1[text()='Message #" + sent + "']"));
        String timeline = browser.findElement(By.className("timeline")).getText();
        assertThat(timeline).contains("delivered").contains("The recipient's server accepted the message.");
        screenshot("4-timeline");

        // Compose from a template, preview it, and test-send it to a seed address, which the test MX receives.
        String template = "welcome-" + UUID.randomUUID().toString().substring(0, 8);
        browser.get(BASE + "/ui/#/templates");
        type(By.name("name"), template);
        submit();
        await(By.xpath("//h1[text()='Template " + template + "']"));
        type(By.name("subject"), "Hello {{firstName}} " + template);
        type(By.name("html"), "<p style=\"color:#123\">Hello <b>{{firstName}}</b>, welcome.</p>");
        browser.findElement(By.xpath("//button[text()='Make the text part from the HTML']"))
                .click();
        assertThat(browser.findElement(By.name("text")).getAttribute("value"))
                .contains("Hello {{firstName}}, welcome.");
        browser.findElement(By.xpath("//button[text()='Save a new version']")).click();
        await(By.xpath("//p[text()='Saved as version 1.']"));
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("iframe.preview")));
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Hello Ann, welcome."));
        browser.switchTo().defaultContent();
        screenshot("5-compose");
        String seed = "seed-" + template + "@ok.test";
        type(By.name("from"), shop.from());
        type(By.name("seeds"), seed);
        browser.findElement(By.xpath("//button[text()='Send a test']")).click();
        await(By.xpath("//p[starts-with(., 'Test sent')]"));
        assertThat(TestNetwork.awaitTransactionsContaining("Hello Ann " + template, 1))
                .singleElement()
                .satisfies(arrived -> assertThat(arrived.rcptTo()).contains(seed));

        // The owner sees the sending domain's records to publish, each with what DNS shows, and checks it again.
        browser.get(BASE + "/ui/#/domains");
        await(By.linkText(shop.domain())).click();
        await(By.xpath("//h1[text()='" + shop.domain() + "']"));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Ready to send")
                .contains("Records to publish");
        browser.findElement(By.xpath("//button[text()='Check DNS now']")).click();
        await(By.xpath("//h1[text()='" + shop.domain() + "']"));
        screenshot("6-domain");

        browser.get(BASE + "/ui/#/dashboard");
        await(By.xpath("//h1[text()='Dashboard']"));
        await(By.cssSelector("figure.chart canvas"));
        assertThat(browser.findElement(By.id("daily")).getText()).contains("Recipients per day");
        screenshot("6-dashboard-chart");

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
        browser.get(link.group(1));
        browser.findElement(By.cssSelector("button[name=confirm]")).click();
        await(By.xpath("//h1[text()='Unsubscribed']"));
        screenshot("7-unsubscribed");
        browser.get(BASE + "/ui/#/suppressions");
        type(By.name("contains"), reader);
        browser.findElement(By.xpath("//button[text()='Search']")).click();
        WebElement entry = await(By.xpath("//td[text()='" + reader + "']/.."));
        assertThat(entry.getText()).contains("unsubscribe").contains("bulk mail");
        screenshot("8-suppressions");
        entry.findElement(By.xpath(".//button[text()='Undo']")).click();
        await(By.xpath("//p[text()='No suppressions match.']"));

        browser.findElement(By.id("sign-out")).click();
        await(By.xpath("//h1[text()='Sign in']"));
        browser.get(BASE + "/ui/#/messages/" + sent);
        await(By.xpath("//h1[text()='Sign in']"));
    }

    private static WebElement await(By what) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(15))
                    .until(ExpectedConditions.visibilityOfElementLocated(what));
        } catch (TimeoutException e) {
            // What the page showed and what its console said, for whoever reads the failure.
            StringBuilder console = new StringBuilder();
            browser.manage().logs().get(LogType.BROWSER).forEach(entry -> console.append(entry)
                    .append('\n'));
            throw new AssertionError(
                    "no " + what + " on " + browser.getCurrentUrl() + "\npage:\n" + browser.getPageSource()
                            + "\nconsole:\n" + console,
                    e);
        }
    }

    private static void type(By field, String text) {
        WebElement input = await(field);
        input.clear();
        input.sendKeys(text);
    }

    private static void submit() {
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        accessible(name);
    }

    // WCAG 2.1 A and AA, as axe-core checks them in the page as it is now: labels, contrast, landmarks, names.
    private static void accessible(String page) throws IOException {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(Files.readString(AXE));
        Object violations = script.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<?>) violations).as("accessibility of " + page).isEmpty();
    }
}
