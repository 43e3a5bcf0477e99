package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The operator's pages in a real headless Chromium against the real server: the administrator signs in (after one
 * wrong password), sees the tenants and a tenant's limits, the queue with a held destination and releases it, the
 * purge asking first, the plugins in order, the blocklists checked now, every tenant's sending domains, and the login
 * throttle with a guesser's failure; then signs out. Each page is saved as a screenshot and checked for WCAG 2.1 AA
 * ({@link HeadlessChromium}).
 */
class UiOperatorBrowserIT extends InABrowser {

    @Test
    void theOperatorWalksThroughTheirPages() throws Exception {
        ApiSender shop = ApiSender.create("op-ui");
        DeferringDestination deferring = DeferringDestination.create("ui-held");
        String destination = deferring.domain();
        String id = deferring.deferredMessage(shop, "reader");
        DeferringDestination.actUntilChanged("destinations/" + destination + "/hold", "{\"reason\":\"browser test\"}");

        String admin = System.getProperty("it.admin.user");
        chromium.open("/ui/#/operator/sign-in");
        chromium.type(By.name("user"), admin);
        chromium.type(By.name("password"), "not the password");
        chromium.submit();
        chromium.await(By.xpath("//p[@role='alert' and contains(., 'wrong')]"));
        chromium.type(By.name("password"), System.getProperty("it.admin.password"));
        chromium.screenshot("operator-1-sign-in");
        chromium.submit();
        chromium.await(By.xpath("//h1[text()='Queue']"));
        assertThat(chromium.driver().findElement(By.id("operator-nav")).isDisplayed())
                .isTrue();
        assertThat(chromium.driver().findElement(By.id("nav")).isDisplayed())
                .as("the tenant's navigation")
                .isFalse();

        By heldRow = By.xpath("//tr[th/a[text()='" + destination + "']]");
        assertThat(chromium.await(heldRow).findElements(By.tagName("td")).get(2).getText())
                .as("held")
                .isEqualTo("1");
        chromium.screenshot("operator-2-queue-held");
        chromium.await(By.xpath("//button[@aria-label='Release mail to " + destination + "']"))
                .click();
        chromium.await(By.xpath("//p[text()='release: 1 recipient(s).']"));
        assertThat(MessageStories.story(shop.api(), "/messages/" + id).toString())
                .contains("RELEASED");

        chromium.open("/ui/#/operator/queue/" + destination);
        chromium.await(By.xpath("//h1[text()='Waiting for " + destination + "']"));
        chromium.await(By.xpath("//button[@aria-label='Purge message #" + id + "']"))
                .click();
        chromium.await(By.xpath("//form[@aria-label='Confirm the purge of message #" + id + "']"));
        chromium.screenshot("operator-3-purge-asks-first");
        chromium.click("Cancel");
        assertThat(chromium.driver().findElements(By.className("confirm"))).isEmpty();
        assertThat(MessageStories.story(shop.api(), "/messages/" + id)
                        .getJsonArray("recipients")
                        .getJsonObject(0)
                        .getString("state"))
                .as("nothing purged without confirmation")
                .isNotEqualTo("PURGED");

        chromium.open("/ui/#/operator/tenants");
        chromium.await(By.xpath("//h1[text()='Tenants']"));
        chromium.await(By.xpath("//th[text()='" + shop.id() + "']"));
        chromium.screenshot("operator-4-tenants");
        chromium.await(By.linkText("Limits of " + shop.id())).click();
        chromium.await(By.xpath("//h1[text()='Tenant " + shop.id() + "']"));
        assertThat(chromium.mainText()).contains("API key").contains("unlimited");
        chromium.screenshot("operator-5-tenant-limits");

        chromium.open("/ui/#/operator/plugins");
        chromium.await(By.xpath("//h1[text()='Plugins']"));
        assertThat(chromium.mainText())
                .contains("credential-store (built in)")
                .contains("outpost.plugins.authentication");
        chromium.screenshot("operator-6-plugins");

        chromium.open("/ui/#/operator/blocklists");
        chromium.await(By.xpath("//h1[text()='Blocklists']"));
        chromium.click("Check now");
        chromium.await(By.xpath("//p[text()='Checked just now.']"));
        chromium.screenshot("operator-7-blocklists");

        chromium.open("/ui/#/operator/domains");
        chromium.await(By.xpath("//h1[text()='Sending domains of every tenant']"));
        assertThat(chromium.await(By.xpath("//tr[th[text()='" + shop.domain() + "']]"))
                        .getText())
                .contains(shop.id())
                .contains("ready")
                .doesNotContain("not ready");
        chromium.screenshot("operator-8-domains");

        // A guess from another address, which the throttle keeps (127.0.0.1's entries end with its next success).
        String guessed = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(FromAddress.statusLine(
                        "127.0.0.6",
                        "POST /api/v1/operator-session HTTP/1.1\r\nContent-Type: application/json",
                        ("{\"user\":\"" + guessed + "\",\"password\":\"wrong\"}").getBytes(StandardCharsets.UTF_8)))
                .contains(" 401 ");
        chromium.open("/ui/#/operator/throttle");
        chromium.await(By.xpath("//h1[text()='Login throttle']"));
        assertThat(chromium.mainText()).contains(guessed).contains("127.0.0.6");
        chromium.screenshot("operator-9-throttle");

        chromium.await(By.id("operator-sign-out")).click();
        chromium.await(By.xpath("//h1[text()='Operator sign-in']"));
        assertThat(chromium.driver().findElement(By.id("operator-nav")).isDisplayed())
                .isFalse();
        chromium.open("/ui/#/operator/queue");
        chromium.await(By.xpath("//h1[text()='Operator sign-in']"));
    }
}
