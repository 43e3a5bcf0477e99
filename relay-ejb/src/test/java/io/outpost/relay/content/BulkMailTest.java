package io.outpost.relay.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BulkMailTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "List-Unsubscribe: <https://shop.example/u/1> | true",
                "List-Id: News <news.shop.example>            | true",
                "Precedence: bulk                             | true",
                "Precedence:  List                            | true",
                "Precedence: junk                             | true",
                "Precedence: first-class                      | false",
                "Subject: bulk                                | false"
            })
    void bulkMailIsToldByTheFieldsListMailCarries(String field, boolean bulk) {
        byte[] header = ("From: a@shop.example\r\n" + field + "\r\n\r\nList-Id: in the body\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(BulkMail.isBulk(header)).isEqualTo(bulk);
    }
}
