package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
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
 * Debian's headless Chromium driven by its chromedriver (both installed by .ci/run), on the web UI of the server under
 * test: what every browser test does, so that each reads as the user's steps. Each {@link #screenshot} is saved under
 * target/screenshots and checked for WCAG 2.1 A and AA by axe-core in the page.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String BASE = "http://localhost:" + OutpostUnderTest.HTTP_PORT;
    static final String PASSWORD = "correct horse battery";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    // axe-core, the accessibility engine run in each page: installed with the UI's build tools by the relay-web
    // module's
    // npm ci, never part of the WAR.
    private static final Path AXE =
            Path.of("..", "relay-web", "src", "main", "ui", "node_modules", "axe-core", "axe.min.js");

    private final WebDriver browser;
    private final Path profile;

    private HeadlessChromium(WebDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    static HeadlessChromium start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path profile = Files.createTempDirectory("outpost-chromium");
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
        return new HeadlessChromium(new ChromeDriver(driver, options), profile);
    }

    WebDriver driver() {
        return browser;
    }

    /** Opens a page of the UI: {@code path} is what follows the host, such as {@code /ui/#/messages}. */
    void open(String path) {
        browser.get(path.startsWith("http") ? path : BASE + path);
    }

    /**
     * Invites a new user of {@code tenant} with this role through the admin API, accepts the invitation in the page and
     * signs in; returns the user's address.
     */
    String signInAsNewUser(String tenant, String role) throws Exception {
        String user = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test";
        String token = PublishedDomains.json(
                        ApiClient.admin()
                                .post(
                                        "/admin/tenants/" + tenant + "/users",
                                        "{\"email\":\"" + user + "\",\"role\":\"" + role + "\"}"),
                        201)
                .getJsonObject("invitation")
                .getString("token");
        open("/ui/#/invitation/" + token);
        type(By.name("password"), PASSWORD);
        submit();
        await(By.xpath("//h1[text()='Welcome']"));
        signIn(tenant, user);
        return user;
    }

    void signIn(String tenant, String user) {
        open("/ui/#/sign-in");
        type(By.name("tenant"), tenant);
        type(By.name("email"), user);
        type(By.name("password"), PASSWORD);
        submit();
        await(By.xpath("//h1[text()='Messages']"));
    }

    /** Waits up to 15 s for the element to show; fails with the page and its console if it does not. */
    WebElement await(By what) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(15))
                    .until(ExpectedConditions.visibilityOfElementLocated(what));
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " on " + browser.getCurrentUrl() + "\n" + pageAndConsole(), e);
        }
    }

    /** What the page shows and what its console said, for whoever reads a failure. */
    String pageAndConsole() {
        StringBuilder console = new StringBuilder();
        browser.manage().logs().get(LogType.BROWSER).forEach(entry -> console.append(entry)
                .append('\n'));
        return "page:\n" + browser.getPageSource() + "\nconsole:\n" + console;
    }

    void type(By field, String text) {
        WebElement input = await(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks the button with exactly this text. */
    void click(String button) {
        await(By.xpath("//button[text()='" + button + "']")).click();
    }

    /** Selects the first occurrence of {@code text} in the document of this frame, as a user's drag would. */
    void select(By frame, String text) {
        WebElement element = await(frame);
        Object found = ((JavascriptExecutor) browser)
                .executeScript(
                        "const doc = arguments[0].contentDocument;"
                                + "const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);"
                                + "for (let node = walker.nextNode(); node; node = walker.nextNode()) {"
                                + "  const at = node.data.indexOf(arguments[1]);"
                                + "  if (at >= 0) { const range = doc.createRange();"
                                + "    range.setStart(node, at); range.setEnd(node, at + arguments[1].length);"
                                + "    doc.getSelection().removeAllRanges(); doc.getSelection().addRange(range);"
                                + "    return true; } }"
                                + "return false;",
                        element,
                        text);
        assertThat(found).as("\"" + text + "\" in " + frame).isEqualTo(Boolean.TRUE);
    }

    void submit() {
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
    }

    String mainText() {
        return browser.findElement(By.tagName("main")).getText();
    }

    void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        accessible(name);
    }

    // WCAG 2.1 A and AA, as axe-core checks them in the page as it is now: labels, contrast, landmarks, names.
    private void accessible(String page) throws IOException {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(Files.readString(AXE));
        Object violations = script.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<?>) violations).as("accessibility of " + page).isEmpty();
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }
    }
}
