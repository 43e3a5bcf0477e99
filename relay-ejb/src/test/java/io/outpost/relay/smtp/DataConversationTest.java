package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.relay.testing.SmtpTestClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conversation tests for DATA and BDAT: content fidelity, trace fields, size limit and SMTP smuggling defence. */
class DataConversationTest extends ServerTestCase {

    private static final String SMUGGLED_TRANSACTION =
            "MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@example.org>\r\nDATA\r\nSubject: smuggled\r\n\r\nx\r\n";

    @Test
    void dataInvitesContentWithoutEnhancedStatus() throws Exception {
        start(settings());
        assertThat(connectWithRecipient().command("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>");
    }

    @Test
    void acceptedMessageGetsTheAcceptorsReply() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        assertThat(client.command("Subject: hi\r\n\r\nhello\r\n.")).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(acceptor.messages()).hasSize(1);
    }

    @Test
    void restoresLeadingDotsSoStuffedContentRoundTrips() throws Exception {
        start(settings());
        String original = "Subject: dots\r\n\r\n.\r\n..\r\n.leading\r\nmiddle . dot\r\n...\r\n";
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.send(original.replace("\r\n.", "\r\n..") + ".\r\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(afterReceived(acceptor.messages().get(0))).isEqualTo(original);
    }

    @Test
    void keepsEightBitContentByteIdenticalAfterTheReceivedField() throws Exception {
        start(settings());
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        original.writeBytes("Subject: =?utf-8?q?x?=\r\nX-Odd:  spaced\t \r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int b = 0; b < 256; b++) {
            if (b != '\r' && b != '\n') {
                original.write(b);
            }
        }
        original.writeBytes("\r\nGrüße, ça va\r\n".getBytes(StandardCharsets.UTF_8));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example> BODY=8BITMIME");
        client.command("RCPT TO:<bob@example.org>");
        client.command("DATA");
        client.send(original.toByteArray());
        client.send(".\r\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        ReceivedMessage message = acceptor.messages().get(0);
        assertThat(bytesAfterReceived(message)).isEqualTo(original.toByteArray());
        assertThat(message.eightBitMime()).isTrue();
    }

    @Test
    void prependsFoldedReceivedFieldNamingOneRecipient() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nhello\r\n.");
        String content = new String(acceptor.messages().get(0).content().toByteArray(), StandardCharsets.UTF_8);
        assertThat(content)
                .matches("Received: from client\\.example \\(\\[127\\.0\\.0\\.1\\]\\)\r\n"
                        + "\tby mx\\.test \\(Outpost\\) with ESMTP id [0-9A-Z]{16}\r\n"
                        + "\tfor <bob@example\\.org>;\r\n"
                        + "\t\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n"
                        + "Subject: hi\r\n\r\nhello\r\n");
    }

    @Test
    void receivedFieldOmitsForClauseWithSeveralRecipientsAndSaysSmtpAfterHelo() throws Exception {
        start(settings());
        SmtpTestClient client = connect();
        client.command("HELO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        client.command("RCPT TO:<bob@example.org>");
        client.command("RCPT TO:<carol@example.org>");
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nhello\r\n.");
        String content = new String(acceptor.messages().get(0).content().toByteArray(), StandardCharsets.UTF_8);
        assertThat(content).contains(" with SMTP id ").doesNotContain("for <");
        assertThat(acceptor.messages().get(0).recipients()).hasSize(2);
    }

    @Test
    void addsMessageIdAndDateToTrustedSubmissionThatLacksThem() throws Exception {
        start(trustedLoopbackSettings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        client.command("RCPT TO:<bob@elsewhere.example>");
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nhello\r\n.");
        assertThat(afterReceived(acceptor.messages().get(0)))
                .matches("Message-ID: <[0-9A-Z]{16}@mx\\.test>\r\n"
                        + "Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n"
                        + "Subject: hi\r\n\r\nhello\r\n");
    }

    @Test
    void keepsMessageIdAndDateOfTrustedSubmissionWhenPresentInAnyCase() throws Exception {
        start(trustedLoopbackSettings());
        String original = "message-id: <own@client.example>\r\nDATE: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\nhello\r\n";
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        client.command("RCPT TO:<bob@elsewhere.example>");
        client.command("DATA");
        client.send(original + ".\r\n");
        client.reply();
        assertThat(afterReceived(acceptor.messages().get(0))).isEqualTo(original);
    }

    @Test
    void looksForMessageIdInTheHeaderSectionOnly() throws Exception {
        start(trustedLoopbackSettings());
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        client.command("MAIL FROM:<alice@sender.example>");
        client.command("RCPT TO:<bob@elsewhere.example>");
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nMessage-ID: <in-body@client.example>\r\n.");
        assertThat(afterReceived(acceptor.messages().get(0)))
                .startsWith("Message-ID: <")
                .contains("@mx.test>");
    }

    @Test
    void addsNoMessageIdOrDateForUntrustedClient() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nhello\r\n.");
        assertThat(afterReceived(acceptor.messages().get(0))).isEqualTo("Subject: hi\r\n\r\nhello\r\n");
    }

    @Test
    void rejectsMessageLargerThanTheLimitAfterReadingItAll() throws Exception {
        start(settings().withMaxMessageOctets(1000));
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.send(("x".repeat(98) + "\r\n").repeat(30) + ".\r\n");
        assertThat(client.reply()).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void acceptsMessageOfExactlyTheLimit() throws Exception {
        start(settings().withMaxMessageOctets(1000));
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.send(("x".repeat(98) + "\r\n").repeat(10) + ".\r\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
    }

    @Test
    void rejectsDeclaredSizeOverTheLimitAtMailTime() throws Exception {
        start(settings().withMaxMessageOctets(1000));
        SmtpTestClient client = connect();
        client.command("EHLO client.example");
        assertThat(client.command("MAIL FROM:<alice@sender.example> SIZE=1001"))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
    }

    @Test
    void repliesTemporaryFailureWhenTheAcceptorThrows() throws Exception {
        start(settings());
        acceptor.failFromNowOn();
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        assertThat(client.command("Subject: hi\r\n\r\nhello\r\n."))
                .isEqualTo("451 4.3.0 Temporary failure while queueing; try again");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void endsTheTransactionAfterData() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.command("Subject: hi\r\n\r\nhello\r\n.");
        assertThat(client.command("RCPT TO:<bob@example.org>")).isEqualTo("503 5.5.1 Send MAIL first");
        assertThat(client.command("MAIL FROM:<alice@sender.example>")).isEqualTo("250 2.1.0 Sender ok");
    }

    @Test
    void refusesAMessageThatHasLoopedThroughAHundredRelays() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        String hops = "Received: from a.example by b.example; Sat, 28 Nov 2026 10:00:00 +0000\r\n".repeat(100);
        assertThat(client.command(hops + "Subject: loop\r\n\r\nbody\r\n."))
                .isEqualTo("554 5.4.6 Too many Received header fields: mail loop detected, message refused");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void acceptsAMessageThatHasPassedNinetyNineRelays() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        String hops = "Received: from a.example by b.example; Sat, 28 Nov 2026 10:00:00 +0000\r\n".repeat(99);
        assertThat(client.command(hops + "Subject: long path\r\n\r\nbody\r\n.")).startsWith("250 2.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\r", "\n", "\r"})
    void refusesBareLineEndingsAndExecutesNothingSmuggledBehindThem(String payload) throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.send("Subject: hi\r\n\r\nhello" + payload + SMUGGLED_TRANSACTION + ".\r\n");
        assertThat(client.reply()).isEqualTo("550 5.6.11 Bare CR or LF not allowed (SMTP smuggling defence)");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void doesNotLetLfDotLfEndTheDataAndSmuggleASecondMailFrom() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.send("Subject: hi\r\n\r\nhello\n.\nMAIL FROM:<evil@attacker.example>\r\n");
        client.send("RCPT TO:<victim@example.org>\r\nDATA\r\nsmuggled\r\n.\r\n");
        assertThat(client.reply()).isEqualTo("550 5.6.11 Bare CR or LF not allowed (SMTP smuggling defence)");
        assertThat(client.command("RSET")).isEqualTo("250 2.0.0 Reset");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void normalisesBareLineEndingsWhenConfigured() throws Exception {
        start(settings().withBareLineEndings(BareLineEndingPolicy.NORMALISE));
        SmtpTestClient client = connectWithRecipient();
        client.command("DATA");
        client.send("Subject: hi\r\n\r\na\nb\rc\r\nd\n.\ne\r\n.\r\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(afterReceived(acceptor.messages().get(0)))
                .isEqualTo("Subject: hi\r\n\r\na\r\nb\r\nc\r\nd\r\n.\r\ne\r\n");
    }

    @Test
    void answersPipelinedCommandsInOrder() throws Exception {
        start(settings());
        SmtpTestClient client = connect();
        client.send("EHLO client.example\r\nMAIL FROM:<alice@sender.example>\r\nRCPT TO:<bob@example.org>\r\n"
                + "RCPT TO:<carol@example.org>\r\nDATA\r\n");
        assertThat(client.reply())
                .startsWith("250-mx.test greets client.example")
                .endsWith("250 CHUNKING");
        assertThat(client.reply()).isEqualTo("250 2.1.0 Sender ok");
        assertThat(client.reply()).isEqualTo("250 2.1.5 Recipient ok");
        assertThat(client.reply()).isEqualTo("250 2.1.5 Recipient ok");
        assertThat(client.reply()).isEqualTo("354 End data with <CR><LF>.<CR><LF>");
        assertThat(client.command("Subject: hi\r\n\r\nhello\r\n.")).isEqualTo("250 2.0.0 Ok: queued as Q1");
    }

    @Test
    void takesBdatChunksRawWithoutDotUnstuffing() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 5\r\nhello");
        assertThat(client.reply()).isEqualTo("250 2.0.0 5 octets received");
        client.send("BDAT 10 LAST\r\n\r\n.\r\n...\r\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(afterReceived(acceptor.messages().get(0))).isEqualTo("hello\r\n.\r\n...\r\n");
    }

    @Test
    void refusesBareLineEndingsInBdatAsInData() throws Exception {
        start(settings());
        String content = "Subject: hi\r\n\r\nbare LF\nbare CR\rend\r\n";
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT " + content.length() + " LAST\r\n" + content);
        assertThat(client.reply()).isEqualTo("550 5.6.11 Bare CR or LF not allowed (SMTP smuggling defence)");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void refusesABareLineEndingInAnEarlierBdatChunkAtTheLast() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 4\r\na\nb\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 4 octets received");
        client.send("BDAT 3 LAST\r\nc\r\n");
        assertThat(client.reply()).isEqualTo("550 5.6.11 Bare CR or LF not allowed (SMTP smuggling defence)");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void refusesACrThatEndsTheLastBdatChunk() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 5 LAST\r\nabc\r\r");
        assertThat(client.reply()).isEqualTo("550 5.6.11 Bare CR or LF not allowed (SMTP smuggling defence)");
    }

    @Test
    void takesACrLfSplitAcrossTwoBdatChunksAsOnePair() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 14\r\nSubject: hi\r\n\r");
        assertThat(client.reply()).isEqualTo("250 2.0.0 14 octets received");
        client.send("BDAT 7 LAST\r\n\nbody\r\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(afterReceived(acceptor.messages().get(0))).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
    }

    @Test
    void normalisesBareLineEndingsInBdatWhenConfigured() throws Exception {
        start(settings().withBareLineEndings(BareLineEndingPolicy.NORMALISE));
        String content = "Subject: hi\r\n\r\na\nb\rc\r\nd\n.\ne\r";
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT " + content.length() + " LAST\r\n" + content);
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(afterReceived(acceptor.messages().get(0)))
                .isEqualTo("Subject: hi\r\n\r\na\r\nb\r\nc\r\nd\r\n.\r\ne\r\n");
    }

    @Test
    void acceptsEmptyLastBdatChunk() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 12\r\nSubject: x\r\n");
        client.reply();
        assertThat(client.command("BDAT 0 LAST")).isEqualTo("250 2.0.0 Ok: queued as Q1");
    }

    @Test
    void rejectsDataAfterBdat() throws Exception {
        start(settings());
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 3\r\nabc");
        client.reply();
        assertThat(client.command("DATA")).isEqualTo("503 5.5.1 DATA not allowed after BDAT");
    }

    @Test
    void readsAndDiscardsBdatChunkSentOutOfSequence() throws Exception {
        start(settings());
        SmtpTestClient client = connect();
        client.send("BDAT 6\r\nQUIT\r\n");
        assertThat(client.reply()).isEqualTo("503 5.5.1 Send EHLO or HELO first");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void rejectsBdatChunksOverTheLimitAndStaysInStep() throws Exception {
        start(settings().withMaxMessageOctets(10));
        SmtpTestClient client = connectWithRecipient();
        client.send("BDAT 12 LAST\r\nNOOP\r\nNOOP\r\n");
        assertThat(client.reply()).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(client.command("RSET")).isEqualTo("250 2.0.0 Reset");
        assertThat(acceptor.messages()).isEmpty();
    }

    @Test
    void rejectsMalformedBdatSize() throws Exception {
        start(settings());
        assertThat(connectWithRecipient().command("BDAT many"))
                .isEqualTo("501 5.5.4 Syntax error in parameters or arguments");
    }
}
