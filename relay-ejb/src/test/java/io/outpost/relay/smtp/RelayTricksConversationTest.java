package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Open-relay tricks from an unauthenticated, untrusted client (example.org is the local domain): each is refused with
 * its own reply, never rewritten into something deliverable, and case does not make a local domain foreign.
 */
class RelayTricksConversationTest extends ServerTestCase {

    @BeforeEach
    void startServer() throws Exception {
        start(settings());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "user%other.example@example.org   | 553 5.1.3 '%' in a recipient local part is not accepted (percent-hack routing)",
                "user%other.example               | 553 5.1.3 '%' in a recipient local part is not accepted (percent-hack routing)",
                "other.example!user@example.org   | 553 5.1.3 '!' in a recipient local part is not accepted (UUCP bang path routing)",
                "other.example!user               | 553 5.1.3 '!' in a recipient local part is not accepted (UUCP bang path routing)",
                "\"user@other.example\"@example.org | 553 5.1.3 '@' inside a quoted recipient local part is not accepted",
                "@example.org:user@other.example  | 501 5.1.3 Source routes are not accepted; give the final mailbox only",
                "@a.example,@b.example:u@example.org | 501 5.1.3 Source routes are not accepted; give the final mailbox only",
                "user@[192.0.2.1]                 | 553 5.1.3 Address literals are not accepted as recipient domains",
                "user@[IPv6:2001:db8::1]          | 553 5.1.3 Address literals are not accepted as recipient domains",
                "user@other.example@example.org   | 501 5.1.3 Invalid recipient address syntax",
                "user@example.org.                | 501 5.1.3 Invalid recipient address syntax",
                "user@other.example               | 554 5.7.1 Relay access denied: authenticate or send from a trusted network, or mail a local domain",
                "user@example.org.other.example   | 554 5.7.1 Relay access denied: authenticate or send from a trusted network, or mail a local domain",
                "USER@EXAMPLE.ORG                 | 250 2.1.5 Recipient ok",
                "user@Example.Org                 | 250 2.1.5 Recipient ok",
            })
    void refusesRoutingTricks(String recipient, String expectedReply) throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<" + recipient + ">")).isEqualTo(expectedReply);
    }
}
