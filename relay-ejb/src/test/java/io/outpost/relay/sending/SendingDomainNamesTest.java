package io.outpost.relay.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SendingDomainNamesTest {

    private static final String LABEL_63 = "a".repeat(63);

    @Test
    void aDomainLeavesRoomForTheRecordsPublishedUnderIt() {
        String longest = String.join(".", LABEL_63, LABEL_63, "b".repeat(56), "test");
        assertThat(longest).hasSize(SendingDomainNames.MAX_LENGTH);

        assertThat(SendingDomainNames.parse(longest).name()).isEqualTo(longest);
        // The longest DKIM key name and the longest return-path domain under it still fit in DNS.
        assertThat(("op20261204r-2._domainkey." + longest).length()).isLessThanOrEqualTo(253);
        assertThat((LABEL_63 + "." + longest).length()).isLessThanOrEqualTo(253);
    }

    @Test
    void refusesADomainWithNoRoomLeftForItsRecords() {
        String tooLong = String.join(".", LABEL_63, LABEL_63, "b".repeat(57), "test");

        assertThatThrownBy(() -> SendingDomainNames.parse(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("must be at most 189 octets");
    }

    @Test
    void aReturnPathDomainFitsInADnsName() {
        String fits = String.join(".", LABEL_63, LABEL_63, LABEL_63, "b".repeat(56), "test");
        String tooLong = fits.replace(".test", "x.test");
        assertThat(fits).hasSize(253);

        assertThat(SendingDomainNames.returnPath(fits).name()).isEqualTo(fits);
        assertThatThrownBy(() -> SendingDomainNames.returnPath(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("253 octets");
    }

    @Test
    void refusesALabelLongerThan63Octets() {
        assertThatThrownBy(() -> SendingDomainNames.parse("a".repeat(64) + ".test"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
