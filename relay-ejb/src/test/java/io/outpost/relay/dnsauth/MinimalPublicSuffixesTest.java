package io.outpost.relay.dnsauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinimalPublicSuffixesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "example.test, example.test",
        "mail.example.test, example.test",
        "a.b.example.com, example.com",
        "mail.example.co.uk, example.co.uk",
        "example.com.au, example.com.au",
        "co.uk, co.uk",
        "com, com",
    })
    void findsTheOrganizationalDomain(String domain, String organizational) {
        assertThat(new MinimalPublicSuffixes().organizationalDomain(Domain.of(domain)))
                .isEqualTo(Domain.of(organizational));
    }
}
