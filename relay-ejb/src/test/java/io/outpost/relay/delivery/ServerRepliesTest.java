package io.outpost.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerRepliesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "250 2.0.0 Ok: queued as 4F2                 | 250 2.0.0 Ok: queued as 4F2",
                "550 5.1.1 <x@example.test>: no such user    | 550 5.1.1 <x@example.test>: no such user",
                "550 no such user                            | 550 5.0.0 no such user",
                "451 5.1.1 status of the wrong class         | 451 4.0.0 5.1.1 status of the wrong class",
                "250                                         | 250 2.0.0 (no text)",
                "'550-5.7.1 first line\n550 5.7.1 second'     | 550 5.7.1 first line / second",
                "'421 4.7.0 closing\r\n'                       | 421 4.7.0 closing",
                "garbage                                     | 451 4.5.0 unparsable reply from server: garbage",
                "999 out of range                            | 451 4.5.0 unparsable reply from server: 999 out of range",
            })
    void parsesRemoteReplies(String response, String expected) {
        assertThat(ServerReplies.parse(response).toString()).isEqualTo(expected);
    }
}
