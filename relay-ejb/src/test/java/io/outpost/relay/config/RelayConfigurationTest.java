package io.outpost.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.smtp.BareLineEndingPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayConfigurationTest {

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "4h, PT4H", "5d, PT120H", "' 2s ', PT2S"})
    void parsesDurationsAsOperatorsWriteThem(String text, Duration expected) {
        assertThat(DurationSetting.parse("x", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"5", "5 minutes", "-1s", "1.5h", "''"})
    void refusesDurationsWithoutAUnitAndNamesTheSetting(String text) {
        assertThatThrownBy(() -> DurationSetting.parse("outpost.smtp.command-timeout", text))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("outpost.smtp.command-timeout");
    }

    @Test
    void readsDnsServersWithAndWithoutPort() {
        var config = with("outpost.delivery.dns-servers", "127.0.0.1:5353, 192.0.2.53 [::1]:53");
        assertThat(config.deliveryDnsServers())
                .containsExactly(
                        new InetSocketAddress("127.0.0.1", 5353),
                        new InetSocketAddress("192.0.2.53", 53),
                        new InetSocketAddress("::1", 53));
    }

    @Test
    void readsAnEmptyListAsNothing() {
        assertThat(with("outpost.smtp.trusted-networks", "").smtpTrustedNetworks())
                .isEmpty();
        assertThat(with("outpost.smtp.trusted-networks", "10.0.0.0/8,  ::1/128").smtpTrustedNetworks())
                .containsExactly("10.0.0.0/8", "::1/128");
    }

    @Test
    void theProductionProfileTrustsNobodyAndCapturesNothingByDefault() {
        var config = new RelayConfiguration(new MapConfig(Map.of()));

        assertThat(config.profile()).isEqualTo(RelayConfiguration.Profile.PRODUCTION);
        assertThat(config.smtpTrustedNetworks()).isEmpty();
        assertThat(config.captureAll()).isFalse();
    }

    @Test
    void theDevProfileTrustsLoopbackAndCapturesEverythingUnlessToldOtherwise() {
        var dev = with("outpost.profile", "dev");
        var told = new RelayConfiguration(new MapConfig(Map.of(
                "outpost.profile", "dev",
                "outpost.capture", "none",
                "outpost.smtp.trusted-networks", "10.0.0.0/8")));

        assertThat(dev.smtpTrustedNetworks()).containsExactly("127.0.0.0/8", "::1/128");
        assertThat(dev.captureAll()).isTrue();
        assertThat(told.smtpTrustedNetworks()).containsExactly("10.0.0.0/8");
        assertThat(told.captureAll()).isFalse();
        assertThat(with("outpost.capture", "all").captureAll()).isTrue();
    }

    @Test
    void refusesAnUnknownProfileOrCaptureSetting() {
        assertThatThrownBy(() -> with("outpost.profile", "staging").profile())
                .hasMessageContaining("production or dev");
        assertThatThrownBy(() -> with("outpost.capture", "some").captureAll()).hasMessageContaining("all or none");
    }

    @Test
    void readsTheBareLineEndingPolicyInAnyCase() {
        assertThat(with("outpost.smtp.bare-line-endings", "Normalise").smtpBareLineEndings())
                .isEqualTo(BareLineEndingPolicy.NORMALISE);
        assertThatThrownBy(() -> with("outpost.smtp.bare-line-endings", "fix").smtpBareLineEndings())
                .hasMessageContaining("outpost.smtp.bare-line-endings")
                .hasMessageContaining("reject or normalise");
    }

    @ParameterizedTest
    @CsvSource({"0", "-5", "many", "70000"})
    void refusesPortsOutOfRange(String port) {
        assertThatThrownBy(() -> with("outpost.delivery.port", port).deliveryPort())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("outpost.delivery.port='" + port + "'");
    }

    @Test
    void refusesARetryFactorBelowOne() {
        assertThatThrownBy(() -> with("outpost.delivery.retry.factor", "0.5").retryFactor())
                .hasMessageContaining("a number of at least 1");
        assertThat(with("outpost.delivery.retry.factor", "1.5").retryFactor()).isEqualTo(1.5);
    }

    @Test
    void refusesACapOnBytesInFlightBelowTheSpoolThreshold() {
        var config = new RelayConfiguration(new MapConfig(
                Map.of("outpost.smtp.spool-threshold", "1048576", "outpost.smtp.max-bytes-in-flight", "65536")));

        assertThatThrownBy(config::smtpMaxBytesInFlight)
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("outpost.smtp.max-bytes-in-flight='65536'")
                .hasMessageContaining("at least outpost.smtp.spool-threshold");
    }

    @Test
    void readsTheSpoolSettings() {
        var config = new RelayConfiguration(new MapConfig(Map.of(
                "outpost.smtp.spool-threshold", "262144",
                "outpost.smtp.max-bytes-in-flight", "16777216",
                "outpost.smtp.spool-dir", "/var/spool/outpost")));

        assertThat(config.smtpSpoolThreshold()).isEqualTo(262144);
        assertThat(config.smtpMaxBytesInFlight()).isEqualTo(16777216L);
        assertThat(config.smtpSpoolDirectory()).isEqualTo(Path.of("/var/spool/outpost"));
    }

    @Test
    void readsWhereSpamdListensAndNothingWhenUnset() {
        assertThat(with("outpost.checks.spamd", "").checksSpamd()).isEmpty();
        assertThat(with("outpost.checks.spamd", "127.0.0.1:20783").checksSpamd())
                .contains(new InetSocketAddress("127.0.0.1", 20783));
        assertThat(with("outpost.checks.spamd", "127.0.0.1").checksSpamd())
                .contains(new InetSocketAddress("127.0.0.1", 783));
        assertThatThrownBy(() -> with("outpost.checks.spamd", "127.0.0.1:99999").checksSpamd())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("outpost.checks.spamd");
    }

    @Test
    void fetchingPrivateAddressesIsAYesOrNo() {
        assertThat(with("outpost.checks.fetch-private-addresses", "false").checksFetchPrivateAddresses())
                .isFalse();
        assertThatThrownBy(() ->
                        with("outpost.checks.fetch-private-addresses", "maybe").checksFetchPrivateAddresses())
                .isInstanceOf(InvalidSettingException.class);
    }

    @ParameterizedTest
    @CsvSource({"0", "1001", "many"})
    void refusesACampaignBatchOutsideWhatAnApiBatchHolds(String size) {
        assertThatThrownBy(() -> with("outpost.campaigns.batch-size", size).campaignsBatchSize())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("outpost.campaigns.batch-size='" + size + "'");
        assertThat(with("outpost.campaigns.batch-size", "1000").campaignsBatchSize())
                .isEqualTo(1000);
    }

    private static RelayConfiguration with(String name, String value) {
        return new RelayConfiguration(new MapConfig(Map.of(name, value)));
    }
}
