package io.outpost.it;

import static io.outpost.it.MessageStories.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * server: a tenant's user signs in, finds a message in the log and reads its timeline in plain words. Each page is
 * saved as a screenshot under target/screenshots.
 */
class UiBrowserIT {

    private static final String BASE = "http://localhost:" + OutpostUnderTest.HTTP_PORT;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "correct horse battery";

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
    }
}
