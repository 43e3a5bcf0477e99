package io.outpost.relay.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The From: field parser: only the address counts, and anything ambiguous yields no domain (the caller refuses). */
class HeaderFromTest {

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            value = {
                "From: alice@tenant.example                         | tenant.example",
                "From: Alice <alice@Tenant.Example>                 | tenant.example",
                "From: \"alice@bank.example\" <alice@tenant.example> | tenant.example",
                "From: \"A, B <x@bank.example>\" <a@tenant.example>  | tenant.example",
                "From: (comment <x@bank.example>) a@tenant.example  | tenant.example",
                "From: a@tenant.example (bank.example)              | tenant.example",
                "From: a@tenant.example, b@other.example            | tenant.example other.example",
                "fROM : a@tenant.example                            | tenant.example",
                "From: \"x@bank.example\"@tenant.example            | tenant.example",
                "From: alice@bank.example <alice@tenant.example>    | NONE",
                "From: <a@tenant.example> <b@bank.example>          | NONE",
                "From: <a@tenant.example> trailing@bank.example     | NONE",
                "From: a@[192.0.2.1]                                | NONE",
                "From: <@bank.example:a@tenant.example>             | NONE",
                "From: group: a@tenant.example;                     | NONE",
                "From: not-an-address                               | NONE",
                "From: a@tenant.example.                            | NONE",
                "From: \"unterminated <a@tenant.example>            | NONE",
                "From: (unterminated a@tenant.example               | NONE",
                "From:                                              | NONE",
                "Subject: no from                                   | NONE",
            })
    void readsTheAddressDomains(String field, String expected) {
        assertThat(HeaderFrom.domains(message(field + "\r\nSubject: x"))).isEqualTo(domains(expected));
    }

    @Test
    void yieldsNothingForASecondFromField() {
        assertThat(HeaderFrom.domains(message("From: a@tenant.example\r\nFrom: b@bank.example")))
                .isEmpty();
    }

    @Test
    void countsObsoleteFromWithSpaceBeforeColonAsASecondField() {
        assertThat(HeaderFrom.domains(message("From: a@tenant.example\r\nFrom : b@bank.example")))
                .isEmpty();
    }

    @Test
    void unfoldsContinuationLines() {
        assertThat(HeaderFrom.domains(message("From: Alice\r\n <alice@tenant.example>")))
                .containsExactly(Domain.of("tenant.example"));
        assertThat(HeaderFrom.domains(message("From:\r\n\ta@tenant.example")))
                .containsExactly(Domain.of("tenant.example"));
    }

    @Test
    void ignoresTheBody() {
        assertThat(HeaderFrom.domains(message("Subject: x\r\n\r\nFrom: a@tenant.example")))
                .isEmpty();
    }

    private static byte[] message(String header) {
        return (header + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Domain> domains(String spaceSeparated) {
        return spaceSeparated == null
                ? List.of()
                : Arrays.stream(spaceSeparated.split(" ")).map(Domain::of).toList();
    }
}
