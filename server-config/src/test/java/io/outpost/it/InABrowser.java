package io.outpost.it;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every browser test starts from: the test network and the server up, and one headless Chromium for the class's
 * tests ({@link HeadlessChromium}), closed after them. A class that needs more sets it up in its own {@code BeforeAll}
 * of another name, which runs after this one.
 */
abstract class InABrowser {

    static HeadlessChromium chromium;

    @BeforeAll
    static void theServerAndABrowser() throws Exception {
        TestNetwork.start();
        OutpostUnderTest.awaitSmtp(Duration.ofMinutes(2));
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void closeTheBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }
}
