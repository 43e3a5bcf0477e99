package io.outpost.api.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When two addresses name one mailbox (RFC 5321 §2.4), and lists of them with each mailbox once. */
class EmailAddressTest {

    @ParameterizedTest(name = "[{index}] {0} vs {1}")
    @CsvSource({
        "bob@example.org,            bob@example.org,          true",
        "bob@example.org,            bob@EXAMPLE.Org,          true",
        "bob@bücher.example,         bob@xn--bcher-kva.example, true",
        "bob@BÜCHER.example,         bob@bücher.example,       true",
        "Bob@example.org,            bob@example.org,          false",
        "bob@example.org,            bob@sub.example.org,      false"
    })
    void comparesTheLocalPartExactlyAndTheDomainWithoutCase(String a, String b, boolean same) {
        assertThat(EmailAddress.parse(a).isSameMailbox(EmailAddress.parse(b))).isEqualTo(same);
        assertThat(EmailAddress.parse(b).isSameMailbox(EmailAddress.parse(a))).isEqualTo(same);
    }

    @Test
    void keepsEachMailboxOnceInFirstSeenOrderAndSpelling() {
        List<EmailAddress> addresses = List.of(
                EmailAddress.parse("carol@Example.org"),
                EmailAddress.parse("bob@example.org"),
                EmailAddress.parse("carol@example.ORG"),
                EmailAddress.parse("Bob@example.org"),
                EmailAddress.parse("bob@EXAMPLE.org"));
        assertThat(EmailAddress.distinctMailboxes(addresses))
                .extracting(EmailAddress::toString)
                .containsExactly("carol@example.org", "bob@example.org", "Bob@example.org");
    }
}
