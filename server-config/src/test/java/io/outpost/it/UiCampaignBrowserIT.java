package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A sender sends a campaign from the web UI in a real headless Chromium against the real server: the new campaign's
 * form, its failing pre-send check answered with a written reason, then the campaign's page, whose progress bar and
 * counts follow it until every subscriber's message is delivered at the test MX. Each page is saved as a screenshot and
 * checked for WCAG 2.1 AA ({@link HeadlessChromium}).
 */
class UiCampaignBrowserIT extends InABrowser {

    @Test
    void aSenderSendsACampaignToASmallAudienceAndWatchesItGoOut() throws Exception {
        ApiSender shop = ApiSender.create("ui-campaign");
        String marker = "uc-" + UUID.randomUUID().toString().substring(0, 8);
        // Over the 102 KB at which Gmail clips an HTML part: the size check fails, and the form asks for a reason.
        PublishedDomains.json(
                shop.api()
                        .put(
                                "/templates/" + marker,
                                "{\"subject\":\"Hello {{firstName}} " + marker + "\",\"text\":\"Hi {{firstName}}\","
                                        + "\"html\":\"<p>Hi {{firstName}}</p>" + "<p>filler</p>".repeat(8800)
                                        + "\"}"),
                201);
        String audience = ConfirmedAudience.create(shop, marker);
        ConfirmedAudience.add(
                shop,
                audience,
                ConfirmedAudience.subscriber("ann-" + marker, "Ann", "Oslo"),
                ConfirmedAudience.subscriber("bob-" + marker, "Bob", "Oslo"),
                ConfirmedAudience.subscriber("cid-" + marker, "Cid", "Oslo"));
        chromium.signInAsNewUser(shop.id(), "sender");

        chromium.open("/ui/#/campaigns");
        chromium.await(By.xpath("//h1[text()='Campaigns']"));
        chromium.await(By.linkText("New campaign")).click();
        chromium.await(By.xpath("//h1[text()='New campaign']"));
        chromium.type(By.name("name"), "December " + marker);
        new Select(chromium.await(By.name("template"))).selectByValue(marker);
        new Select(chromium.await(By.name("version"))).selectByVisibleText("Version 1");
        new Select(chromium.await(By.name("audience"))).selectByValue(audience);
        chromium.type(By.name("from"), shop.from());
        assertThat(chromium.mainText()).doesNotContain("null");
        assertThat(chromium.driver().findElement(By.name("sendAt")).isDisplayed())
                .isFalse();
        chromium.screenshot("campaign-1-form");
        chromium.submit();

        chromium.await(By.xpath("//caption[text()='Failing checks']"));
        assertThat(chromium.mainText()).contains("Size and Gmail clipping");
        chromium.type(By.name("overrideReason"), "The long letter is on purpose this month");
        chromium.screenshot("campaign-2-checks-failed");
        chromium.click("Send anyway");

        chromium.await(By.xpath("//h1[text()='Campaign December " + marker + "']"));
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(60))
                .until(ExpectedConditions.and(
                        ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-counts"), "Delivered 3"),
                        ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "State: sent")));
        assertThat(chromium.driver().findElement(By.id("campaign-progress")).getAttribute("value"))
                .isEqualTo("3");
        assertThat(chromium.mainText())
                .contains("State: sent")
                .contains("Queued 3 of 3")
                .contains("The long letter is on purpose this month")
                .doesNotContain("null");
        assertThat(chromium.driver().findElements(By.xpath("//button[text()='Pause']")))
                .isEmpty();
        chromium.screenshot("campaign-3-progress");
        chromium.open("/ui/#/campaigns");
        assertThat(chromium.await(By.xpath("//a[text()='December " + marker + "']/ancestor::tr"))
                        .getText())
                .contains("sent")
                .contains("3 of 3");
        chromium.screenshot("campaign-4-list");
        assertThat(TestNetwork.awaitTransactionsContaining("Hello Ann " + marker, 1))
                .hasSize(1);
        assertThat(TestNetwork.awaitTransactionsContaining(marker, 3))
                .extracting(t -> t.rcptTo().get(0))
                .containsExactlyInAnyOrder(
                        "ann-" + marker + "@ok.test", "bob-" + marker + "@ok.test", "cid-" + marker + "@ok.test");
    }
}
