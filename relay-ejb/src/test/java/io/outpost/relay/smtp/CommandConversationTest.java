package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.ReversePath;
import io.outpost.relay.testing.SmtpTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conversation tests for the command set: greeting, EHLO/HELO, envelope commands and their refusals. */
class CommandConversationTest extends ServerTestCase {

    @BeforeEach
    void startServer() throws Exception {
        start(settings());
    }

    @Test
    void greetsWithHostnameWithoutEnhancedStatus() throws Exception {
        assertThat(connectWithoutGreeting().reply()).isEqualTo("220 mx.test ESMTP Outpost");
    }

    @Test
    void ehloListsEveryExtension() throws Exception {
        assertThat(connect().command("EHLO client.example"))
                .isEqualTo(String.join(
                        "\n",
                        "250-mx.test greets client.example",
                        "250-PIPELINING",
                        "250-SIZE 26214400",
                        "250-8BITMIME",
                        "250-ENHANCEDSTATUSCODES",
                        "250-SMTPUTF8",
                        "250 CHUNKING"));
    }

    @Test
    void heloRepliesWithHostnameOnly() throws Exception {
        assertThat(connect().command("HELO client.example")).isEqualTo("250 mx.test");
    }

    @Test
    void ehloAcceptsAddressLiteral() throws Exception {
        assertThat(connect().command("EHLO [127.0.0.1]")).startsWith("250-mx.test greets [127.0.0.1]");
    }

    @Test
    void rejectsEhloWithoutDomain() throws Exception {
        assertThat(connect().command("EHLO")).isEqualTo("501 5.5.4 EHLO/HELO needs a domain or address literal");
    }

    @Test
    void rejectsEhloWithMalformedDomain() throws Exception {
        assertThat(connect().command("EHLO bad(name)"))
                .isEqualTo("501 5.5.4 EHLO/HELO needs a domain or address literal");
    }

    @Test
    void verbsAreCaseInsensitive() throws Exception {
        SmtpTestClient client = connect();
        assertThat(client.command("helo client.example")).isEqualTo("250 mx.test");
        assertThat(client.command("mail from:<alice@sender.example>")).isEqualTo("250 2.1.0 Sender ok");
        assertThat(client.command("rCpT To:<bob@example.org>")).isEqualTo("250 2.1.5 Recipient ok");
    }

    @Test
    void noopRepliesOk() throws Exception {
        assertThat(connect().command("NOOP")).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void helpListsTheCommands() throws Exception {
        assertThat(connect().command("HELP"))
                .isEqualTo("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT HELP VRFY; see RFC 5321");
    }

    @Test
    void vrfyDisclosesNothing() throws Exception {
        assertThat(connect().command("VRFY bob"))
                .isEqualTo("252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery");
    }

    @Test
    void expnIsNotAvailable() throws Exception {
        assertThat(connect().command("EXPN staff")).isEqualTo("502 5.5.1 EXPN not available");
    }

    @Test
    void quitSaysGoodbyeAndCloses() throws Exception {
        SmtpTestClient client = connect();
        assertThat(client.command("QUIT")).isEqualTo("221 2.0.0 mx.test closing connection");
        assertThat(client.isClosedByServer()).isTrue();
    }

    @Test
    void rejectsUnknownCommand() throws Exception {
        assertThat(connect().command("FOO bar")).isEqualTo("500 5.5.2 Command not recognized");
    }

    @Test
    void rejectsArgumentToCommandThatTakesNone() throws Exception {
        assertThat(connect().command("QUIT now")).isEqualTo("501 5.5.4 Syntax error in parameters or arguments");
    }

    @Test
    void acceptsCommandLineOfExactly512Octets() throws Exception {
        String line = "NOOP " + "x".repeat(512 - 5 - 2);
        assertThat(connect().command(line)).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void rejectsCommandLineLongerThan512Octets() throws Exception {
        String line = "NOOP " + "x".repeat(512 - 5 - 1);
        assertThat(connect().command(line)).isEqualTo("500 5.5.2 Line too long");
    }

    @Test
    void discardsTheRestOfAnOverLongLineInsteadOfExecutingIt() throws Exception {
        SmtpTestClient client = connect();
        client.send("NOOP " + "x".repeat(600) + "QUIT\r\nNOOP\r\n");
        assertThat(client.reply()).isEqualTo("500 5.5.2 Line too long");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void rejectsBareLineFeedInCommandLine() throws Exception {
        SmtpTestClient client = connect();
        client.send("NOOP\nQUIT\r\nNOOP\r\n");
        assertThat(client.reply()).isEqualTo("500 5.5.2 Bare CR or LF not allowed in a command line");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void rejectsLoneCarriageReturnBeforeCrLf() throws Exception {
        assertThat(connect().command("NOOP\r")).isEqualTo("500 5.5.2 Bare CR or LF not allowed in a command line");
    }

    @Test
    void acceptsPostmasterWithoutDomainFromAnyClient() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<Postmaster>")).isEqualTo("250 2.1.5 Recipient ok");
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nhello\r\n.");
        assertThat(acceptor.messages().get(0).recipients())
                .extracting(Object::toString)
                .containsExactly("postmaster@mx.test");
    }

    @Test
    void rejectsMailBeforeEhlo() throws Exception {
        assertThat(connect().command("MAIL FROM:<alice@sender.example>"))
                .isEqualTo("503 5.5.1 Send EHLO or HELO first");
    }

    @Test
    void rejectsRcptBeforeMail() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("RCPT TO:<bob@example.org>")).isEqualTo("503 5.5.1 Send MAIL first");
    }

    @Test
    void rejectsDataBeforeMail() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Send MAIL first");
    }

    @Test
    void rejectsDataWithoutAcceptedRecipient() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("DATA")).isEqualTo("554 5.5.1 No valid recipients");
    }

    @Test
    void rejectsSecondMailInOneTransaction() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("MAIL FROM:<carol@sender.example>"))
                .isEqualTo("503 5.5.1 Sender already given; send RSET first");
    }

    @Test
    void rsetClearsTheTransaction() throws Exception {
        SmtpTestClient client = connectWithRecipient();
        assertThat(client.command("RSET")).isEqualTo("250 2.0.0 Reset");
        assertThat(client.command("RCPT TO:<bob@example.org>")).isEqualTo("503 5.5.1 Send MAIL first");
    }

    @Test
    void ehloClearsTheTransaction() throws Exception {
        SmtpTestClient client = connectWithRecipient();
        client.command("EHLO client.example");
        assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Send MAIL first");
    }

    @Test
    void rejectsMailWithoutFromKeyword() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL <alice@sender.example>"))
                .isEqualTo("501 5.5.4 Syntax error in parameters or arguments");
    }

    @Test
    void rejectsUnknownMailParameter() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<alice@sender.example> FOO=1"))
                .isEqualTo("555 5.5.4 Parameter not recognized or not implemented");
    }

    @Test
    void rejectsUnknownRcptParameter() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<bob@example.org> NOTIFY=NEVER"))
                .isEqualTo("555 5.5.4 Parameter not recognized or not implemented");
    }

    @Test
    void rejectsMailParametersAfterHelo() throws Exception {
        SmtpTestClient client = connect();
        client.command("HELO client.example");
        assertThat(client.command("MAIL FROM:<alice@sender.example> BODY=8BITMIME"))
                .isEqualTo("555 5.5.4 Parameter not recognized or not implemented");
    }

    @Test
    void rejectsMalformedSizeParameter() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<alice@sender.example> SIZE=lots"))
                .isEqualTo("501 5.5.4 Syntax error in parameters or arguments");
    }

    @Test
    void rejectsMalformedBodyParameter() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<alice@sender.example> BODY=9BIT"))
                .isEqualTo("501 5.5.4 Syntax error in parameters or arguments");
    }

    @Test
    void acceptsKnownMailParameters() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<alice@sender.example> SIZE=1000 BODY=8BITMIME SMTPUTF8"))
                .isEqualTo("250 2.1.0 Sender ok");
    }

    @Test
    void acceptsTheAuthParameterOfRelayedSubmissionsAndIgnoresIt() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<alice@sender.example> AUTH=<>")).isEqualTo("250 2.1.0 Sender ok");
        client.command("RSET");
        assertThat(client.command("MAIL FROM:<alice@sender.example> AUTH="))
                .isEqualTo("501 5.5.4 Syntax error in parameters or arguments");
    }

    @Test
    void rejectsInvalidSenderAddress() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<not-an-address>")).isEqualTo("501 5.1.7 Invalid sender address syntax");
    }

    @Test
    void rejectsSenderWithoutAngleBrackets() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:alice@sender.example"))
                .isEqualTo("501 5.1.7 Invalid sender address syntax");
    }

    @Test
    void rejectsInvalidRecipientAddress() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<bob@@example.org>"))
                .isEqualTo("501 5.1.3 Invalid recipient address syntax");
    }

    @Test
    void rejectsNullRecipient() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<>")).isEqualTo("501 5.1.3 Invalid recipient address syntax");
    }

    @Test
    void refusesSourceRouteInsteadOfStrippingIt() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<@relay.example,@other.example:bob@example.org>"))
                .isEqualTo("501 5.1.3 Source routes are not accepted; give the final mailbox only");
    }

    @Test
    void refusesSourceRouteInSender() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<@relay.example:alice@sender.example>"))
                .isEqualTo("501 5.1.7 Source routes are not accepted; give the sender mailbox only");
    }

    @Test
    void acceptsNullSender() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<>")).isEqualTo("250 2.1.0 Sender ok");
        client.command("RCPT TO:<bob@example.org>");
        client.command("DATA");
        assertThat(client.command("Subject: bounce\r\n\r\nbody\r\n.")).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(acceptor.messages().get(0).sender()).isEqualTo(ReversePath.NULL);
    }

    @Test
    void acceptsSpaceAfterColonAsClientsCommonlySendIt() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM: <alice@sender.example>")).isEqualTo("250 2.1.0 Sender ok");
    }

    @Test
    void rejectsUtf8SenderWithoutSmtpUtf8Parameter() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<jürgen@sender.example>"))
                .isEqualTo("553 5.6.7 Non-ASCII address requires the SMTPUTF8 parameter on MAIL FROM");
    }

    @Test
    void rejectsUtf8RecipientWithoutSmtpUtf8Parameter() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        assertThat(client.command("RCPT TO:<jürgen@example.org>"))
                .isEqualTo("553 5.6.7 Non-ASCII address requires the SMTPUTF8 parameter on MAIL FROM");
    }

    @Test
    void acceptsUtf8AddressesWithSmtpUtf8Parameter() throws Exception {
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<jürgen@sender.example> SMTPUTF8")).isEqualTo("250 2.1.0 Sender ok");
        assertThat(client.command("RCPT TO:<用户@example.org>")).isEqualTo("250 2.1.5 Recipient ok");
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nbody\r\n.");
        ReceivedMessage message = acceptor.messages().get(0);
        assertThat(message.smtpUtf8()).isTrue();
        assertThat(new String(message.content().toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("with UTF8SMTP id ")
                .contains("for <用户@example.org>;");
    }
}
