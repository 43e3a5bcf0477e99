package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.Domain;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportMapTest {

    private static final String MAP =
            "example.test=127.0.0.1:2526, .sub.test=relay.sub.test, other.test=[::1]:2600, *=smarthost.example:587";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "example.test      | 127.0.0.1:2526",
                "EXAMPLE.test      | 127.0.0.1:2526",
                "a.sub.test        | relay.sub.test",
                "deep.a.sub.test   | relay.sub.test",
                "sub.test          | smarthost.example:587",
                "other.test        | [::1]:2600",
                "www.example.test  | smarthost.example:587",
                "anything.else     | smarthost.example:587",
            })
    void routesTheMostSpecificEntry(String domain, String destination) {
        assertThat(TransportMap.parse(MAP).routeFor(Domain.of(domain)).map(Destination::toString))
                .contains(destination);
    }

    @ParameterizedTest(name = "\"{0}\" has no override")
    @CsvSource(
            delimiter = '|',
            value = {"''", "'   '", "'example.test=127.0.0.1'"})
    void leavesOtherDomainsToMx(String map) {
        assertThat(TransportMap.parse(map).routeFor(Domain.of("elsewhere.test")))
                .isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "example.test                  | 'example.test'",
                "example.test=                 | 'example.test='",
                "example.test=host:0           | 'example.test=host:0'",
                "example.test=host:smtp        | 'example.test=host:smtp'",
                "a.test=h, bad_domain!=h       | 'bad_domain!=h'",
                "a.test=h, a.test=i            | 'a.test=i'",
                "a.test=[::1                   | 'a.test=[::1'",
                "a.test=not..valid             | 'a.test=not..valid'",
            })
    void rejectsABadEntryByName(String map, String entry) {
        assertThatThrownBy(() -> TransportMap.parse(map))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1:2526    | 127.0.0.1 | 2526 | true",
                "[::1]:25          | ::1       | 25   | true",
                "::1               | ::1       |      | true",
                "Mail.Example:587  | mail.example | 587 | false",
                "mail.example      | mail.example |   | false",
            })
    void parsesDestinations(String text, String host, Integer port, boolean literal) {
        Destination destination = Destination.parse(text);

        assertThat(destination.host()).isEqualTo(host);
        assertThat(destination.port().isPresent() ? destination.port().getAsInt() : null)
                .isEqualTo(port);
        assertThat(destination.isIpLiteral()).isEqualTo(literal);
    }
}
