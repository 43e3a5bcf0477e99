package io.outpost.relay.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.EmailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuppressionTargetTest {

    @ParameterizedTest
    @CsvSource({
        "ann@example.com, ann@example.com",
        "Ann.Lee@Example.COM, ann.lee@example.com",
        "jörg@bücher.example, jörg@xn--bcher-kva.example",
        "@Example.COM, @example.com",
        "@bücher.example, @xn--bcher-kva.example"
    })
    void foldsCaseAndWritesTheDomainAsAnALabel(String given, String kept) {
        assertThat(SuppressionTarget.parse(given).value()).isEqualTo(kept);
    }

    @Test
    void anAddressIsCoveredByItsOwnEntryAndItsDomainsOnly() {
        assertThat(SuppressionTarget.covering(EmailAddress.parse("Ann@Mail.Example.com")))
                .extracting(SuppressionTarget::value)
                .containsExactly("ann@mail.example.com", "@mail.example.com");
    }

    @Test
    void tellsADomainFromAnAddress() {
        assertThat(SuppressionTarget.parse("@example.com").isDomain()).isTrue();
        assertThat(SuppressionTarget.parse("ann@example.com").isDomain()).isFalse();
    }

    @Test
    void refusesWhatIsNeitherAnAddressNorADomain() {
        assertThatThrownBy(() -> SuppressionTarget.parse("not an address"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SuppressionTarget.parse("@")).isInstanceOf(IllegalArgumentException.class);
    }
}
