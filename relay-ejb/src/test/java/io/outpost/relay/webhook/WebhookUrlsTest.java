package io.outpost.relay.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs a webhook may have: no request forgery into the operator's own network, no plain http unless allowed. */
class WebhookUrlsTest {

    // A resolver of the test's own: no DNS query leaves the machine.
    private static final Map<String, String> NAMES = Map.of(
            "hooks.shop.example", "198.18.0.1",
            "public.example", "8.8.8.8",
            "inward.example", "10.1.2.3",
            "metadata.example", "169.254.169.254");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = NAMES.getOrDefault(host, host.matches("[0-9a-fA-F:.]+") ? host : null);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private static final WebhookUrls STRICT = new WebhookUrls(false, false, WebhookUrlsTest::resolve);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://public.example/hook          | must be an https URL",
                "ftp://public.example/hook           | must be an https URL",
                "https://user:pw@public.example/hook | must not carry a user name or password",
                "https://inward.example/hook         | not on the public internet",
                "https://metadata.example/latest     | not on the public internet",
                "https://127.0.0.1:8443/hook         | not on the public internet",
                "https://[::1]/hook                  | not on the public internet",
                "https://[fd00::1]/hook              | not on the public internet",
                "https://[64:ff9b::a00:1]/hook       | not on the public internet",
                "https://nowhere.example/hook        | does not resolve",
                "not a url at all                    | is not a URL",
                "https:///path-only                  | must name a host"
            })
    void aUrlThatCouldReachInwardOrIsNotHttpsIsRefusedSayingWhy(String url, String reason) {
        assertThatThrownBy(() -> STRICT.check(url))
                .isInstanceOf(WebhookUrls.RefusedUrl.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://public.example/hook", "https://8.8.8.8/hook?tenant=shop"})
    void anHttpsUrlOnThePublicInternetIsTaken(String url) throws Exception {
        assertThat(STRICT.check(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://inward.example/hook"})
    void anOperatorMayAllowPlainHttpAndPrivateAddresses(String url) throws Exception {
        assertThat(new WebhookUrls(true, true, WebhookUrlsTest::resolve)
                        .check(url)
                        .toString())
                .isEqualTo(url);
        assertThatThrownBy(() -> new WebhookUrls(true, false, WebhookUrlsTest::resolve).check(url))
                .isInstanceOf(WebhookUrls.RefusedUrl.class);
    }
}
