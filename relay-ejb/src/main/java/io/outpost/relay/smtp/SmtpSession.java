package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One SMTP conversation with one client, server side (RFC 5321), on the thread that runs it.
 *
 * <p>The session is a state machine: {@code CONNECTED} until EHLO/HELO, then {@code GREETED}; MAIL moves it to
 * {@code MAIL}, the first accepted RCPT to {@code RCPT}, and DATA (or BDAT ... LAST) takes the message and returns it to
 * {@code GREETED}, as do RSET and a new EHLO/HELO. Connection facts (client, greeting) and transaction facts
 * ({@link Transaction}) live in separate typed fields; STARTTLS will replace {@link #transport} and forget the greeting,
 * AUTH will add an identity field beside them.
 *
 * <p>Every refusal is an {@link SmtpRejection} carrying its reply; I/O failures end the session. Message content is
 * never logged.
 */
final class SmtpSession implements Runnable {

    private enum State {
        CONNECTED,
        GREETED,
        MAIL,
        RCPT
    }

    /** What the client said in EHLO/HELO; {@code extended} is true for EHLO (RFC 5321 §4.1.1.1). */
    private record Greeting(String heloName, boolean extended) {}

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    // RFC 5321 §4.1.1.1: EHLO takes a domain (U-labels allowed by RFC 6531 §3.7.1) or an address literal.
    private static final Pattern HELO_NAME = Pattern.compile("[\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)*\\.?");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(?:IPv6:)?[0-9A-Fa-f:.]+\\]");
    private static final int CHUNK_BUFFER = 8192;

    private final SmtpSettings settings;
    private final MessageAcceptor acceptor;
    private final TraceHeaders traceHeaders;
    private final Domain serverDomain;
    private final EmailAddress postmaster;
    private final InetAddress clientAddress;
    private final Optional<String> clientName;

    private SmtpTransport transport;
    private CommandLineReader commandLines;
    private State state = State.CONNECTED;
    private Greeting greeting;
    private Transaction transaction;

    SmtpSession(SmtpSettings settings, MessageAcceptor acceptor, SmtpTransport transport) {
        this.settings = settings;
        this.acceptor = acceptor;
        this.traceHeaders = new TraceHeaders(settings.hostname());
        this.serverDomain = Domain.of(settings.hostname());
        this.postmaster = new EmailAddress(PathParser.POSTMASTER, serverDomain);
        this.clientAddress = transport.remoteAddress();
        this.clientName = settings.lookUpClientNames() ? reverseName(clientAddress) : Optional.empty();
        useTransport(transport);
    }

    @Override
    public void run() {
        LOG.fine(() -> "session start " + clientAddress.getHostAddress());
        try {
            transport.sendNow(Replies.greeting(settings.hostname()));
            boolean open = true;
            while (open) {
                open = answerNextCommand();
            }
        } catch (SocketTimeoutException e) {
            sayTimeout();
        } catch (EOFException e) {
            LOG.fine(() -> "client " + clientAddress.getHostAddress() + " left without QUIT");
        } catch (IOException e) {
            LOG.log(Level.FINE, e, () -> "session with " + clientAddress.getHostAddress() + " ended");
        }
    }

    /** Reads one command line and answers it; false once the session is over. */
    private boolean answerNextCommand() throws IOException {
        transport.readTimeout(settings.commandTimeout()); // RFC 5321 §4.5.3.2.7
        try {
            return execute(Command.parse(commandLines.readLine()));
        } catch (SmtpRejection rejection) {
            transport.send(rejection.reply());
            return true;
        }
    }

    private boolean execute(Command command) throws IOException, SmtpRejection {
        String argument = command.argument();
        switch (command.verb()) {
            case EHLO -> greet(argument, true);
            case HELO -> greet(argument, false);
            case MAIL -> mail(argument);
            case RCPT -> rcpt(argument);
            case DATA -> data();
            case BDAT -> bdat(argument);
            case RSET -> rset();
            case NOOP -> transport.send(Replies.OK);
            case HELP -> transport.send(Replies.HELP);
            case VRFY -> vrfy(argument);
            case EXPN -> transport.send(Replies.EXPN_DISABLED);
            case QUIT -> {
                transport.sendNow(Replies.closing(settings.hostname()));
                return false;
            }
        }
        return true;
    }

    private void greet(String heloName, boolean extended) throws IOException, SmtpRejection {
        if (!HELO_NAME.matcher(heloName).matches()
                && !ADDRESS_LITERAL.matcher(heloName).matches()) {
            throw new SmtpRejection(Replies.INVALID_HELO);
        }
        // RFC 5321 §4.1.4: EHLO/HELO in the middle of a transaction aborts it, like RSET.
        transaction = null;
        greeting = new Greeting(heloName, extended);
        state = State.GREETED;
        transport.send(extended ? ehloReply() : SmtpReply.withoutStatus(250, List.of(settings.hostname())));
    }

    private SmtpReply ehloReply() {
        return SmtpReply.withoutStatus(
                250,
                List.of(
                        settings.hostname() + " greets " + greeting.heloName(),
                        "PIPELINING", // RFC 2920
                        "SIZE " + settings.maxMessageOctets(), // RFC 1870
                        "8BITMIME", // RFC 6152
                        "ENHANCEDSTATUSCODES", // RFC 2034
                        "SMTPUTF8", // RFC 6531
                        "CHUNKING")); // RFC 3030
    }

    private void mail(String argument) throws IOException, SmtpRejection {
        requireGreeted();
        if (transaction != null) {
            throw new SmtpRejection(Replies.NESTED_MAIL); // RFC 5321 §4.1.4
        }
        MailFrom mailFrom = PathParser.mailFrom(argument, greeting.extended());
        if (mailFrom.declaredSize().orElse(0) > settings.maxMessageOctets()) {
            throw new SmtpRejection(Replies.MESSAGE_TOO_BIG); // RFC 1870 §6.1
        }
        transaction = new Transaction(mailFrom);
        state = State.MAIL;
        transport.send(Replies.SENDER_OK);
    }

    private void rcpt(String argument) throws IOException, SmtpRejection {
        requireTransaction();
        EmailAddress recipient =
                PathParser.rcptTo(argument, transaction.mailFrom().smtpUtf8(), serverDomain);
        if (transaction.recipientCount() >= settings.maxRecipients()) {
            throw new SmtpRejection(Replies.TOO_MANY_RECIPIENTS); // RFC 5321 §4.5.3.1.10
        }
        // RFC 5321 §4.5.1: the server's own postmaster is reachable from anyone, whatever the relay policy.
        boolean ownPostmaster = recipient.equals(postmaster);
        if (!ownPostmaster && !settings.relayPolicy().mayRelayTo(clientAddress, recipient)) {
            LOG.info(() -> "relay denied for " + clientAddress.getHostAddress() + " to " + recipient);
            throw new SmtpRejection(Replies.RELAY_DENIED);
        }
        transaction.addRecipient(recipient);
        state = State.RCPT;
        transport.send(Replies.RECIPIENT_OK);
    }

    private void data() throws IOException, SmtpRejection {
        requireRecipients();
        if (transaction.chunked()) {
            throw new SmtpRejection(Replies.DATA_AFTER_BDAT);
        }
        transport.sendNow(Replies.START_DATA);
        transport.readTimeout(settings.dataTimeout()); // RFC 5321 §4.5.3.2.5
        DataReader reader = new DataReader(transport.input(), settings.maxMessageOctets(), settings.bareLineEndings());
        Transaction finished = transaction;
        // RFC 5321 §4.1.1.4: the transaction ends with the data, whether the message is accepted or not.
        endTransaction();
        deliver(finished, reader.read());
    }

    /**
     * RFC 3030 §2: a chunk is exactly {@code size} raw octets, no dot-stuffing. Its octets are read even when the
     * command is refused, so they can never be taken for commands.
     */
    private void bdat(String argument) throws IOException, SmtpRejection {
        BdatCommand chunk = BdatCommand.parse(argument);
        transport.readTimeout(settings.dataTimeout());
        if (state != State.RCPT) {
            copyChunk(chunk.size(), OutputStream.nullOutputStream());
            requireRecipients();
        }
        ByteArrayOutputStream chunks = transaction.chunks();
        if (chunks.size() + chunk.size() > settings.maxMessageOctets()) {
            copyChunk(chunk.size(), OutputStream.nullOutputStream());
            endTransaction();
            throw new SmtpRejection(Replies.MESSAGE_TOO_BIG);
        }
        copyChunk(chunk.size(), chunks);
        if (!chunk.last()) {
            transport.send(SmtpReply.of(250, "2.0.0", chunk.size() + " octets received"));
            return;
        }
        Transaction finished = transaction;
        endTransaction();
        deliver(finished, chunks.toByteArray());
    }

    private void rset() throws IOException {
        endTransaction();
        transport.send(Replies.RESET_OK);
    }

    private void vrfy(String argument) throws IOException, SmtpRejection {
        if (argument.isEmpty()) {
            throw new SmtpRejection(Replies.SYNTAX_ERROR);
        }
        transport.send(Replies.CANNOT_VERIFY);
    }

    /**
     * RFC 5321 §6.3: counting Received fields is the loop detection every relay must have; the RFC asks for a limit of
     * at least 100 so that long legitimate paths still pass.
     */
    static final int MAX_RECEIVED_FIELDS = 100;

    /** Stamps the trace fields, hands the message to the acceptor and sends its reply. */
    private void deliver(Transaction finished, byte[] content) throws IOException {
        if (HeaderSection.count(content, "Received", MAX_RECEIVED_FIELDS) >= MAX_RECEIVED_FIELDS) {
            transport.send(Replies.MAIL_LOOP);
            return;
        }
        MailFrom mailFrom = finished.mailFrom();
        List<EmailAddress> recipients = finished.recipients();
        String id = RandomIds.next();
        TraceHeaders.Arrival arrival = new TraceHeaders.Arrival(
                greeting.heloName(),
                clientName,
                clientAddress,
                protocol(mailFrom),
                id,
                recipients,
                ZonedDateTime.now());
        // RFC 6409 §8: a trusted client is submitting, so missing Message-ID and Date are ours to add.
        boolean submission = settings.relayPolicy().isTrusted(clientAddress);
        ReceivedMessage message = new ReceivedMessage(
                mailFrom.sender(),
                recipients,
                traceHeaders.stamp(content, arrival, submission),
                new ClientInfo(clientAddress, greeting.heloName()),
                mailFrom.smtpUtf8(),
                mailFrom.eightBitMime());
        SmtpReply reply = commit(message);
        LOG.info(() -> "message " + id + " from " + clientAddress.getHostAddress() + " " + mailFrom.sender() + " to "
                + recipients.size() + " recipient(s): " + reply);
        transport.send(reply);
    }

    private SmtpReply commit(ReceivedMessage message) {
        try {
            SmtpReply reply = acceptor.accept(message);
            return reply != null ? reply : Replies.COMMIT_FAILED;
        } catch (RuntimeException e) {
            // The acceptor must not throw; if it does, the client retries later rather than the session dying.
            LOG.log(Level.WARNING, "message acceptor failed", e);
            return Replies.COMMIT_FAILED;
        }
    }

    // RFC 6531 §3.7.3 and RFC 3848: the "with" keyword names the protocol actually used.
    private String protocol(MailFrom mailFrom) {
        if (!greeting.extended()) {
            return "SMTP";
        }
        return mailFrom.smtpUtf8() ? "UTF8SMTP" : "ESMTP";
    }

    private void requireGreeted() throws SmtpRejection {
        if (state == State.CONNECTED) {
            throw new SmtpRejection(Replies.HELO_FIRST);
        }
    }

    private void requireTransaction() throws SmtpRejection {
        requireGreeted();
        if (transaction == null) {
            throw new SmtpRejection(Replies.MAIL_FIRST);
        }
    }

    private void requireRecipients() throws SmtpRejection {
        requireTransaction();
        if (state != State.RCPT) {
            throw new SmtpRejection(Replies.NO_VALID_RECIPIENTS);
        }
    }

    private void endTransaction() {
        transaction = null;
        if (state != State.CONNECTED) {
            state = State.GREETED;
        }
    }

    private void copyChunk(long size, OutputStream sink) throws IOException {
        InputStream in = transport.input();
        byte[] buffer = new byte[CHUNK_BUFFER];
        long remaining = size;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException("connection closed during BDAT");
            }
            sink.write(buffer, 0, read);
            remaining -= read;
        }
    }

    private void sayTimeout() {
        LOG.fine(() -> "timeout waiting for " + clientAddress.getHostAddress());
        try {
            transport.sendNow(Replies.timeout(settings.hostname()));
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not send timeout reply", e);
        }
    }

    private void useTransport(SmtpTransport newTransport) {
        this.transport = newTransport;
        this.commandLines = new CommandLineReader(newTransport.input(), settings.maxCommandLineOctets());
    }

    // InetAddress forward-confirms the reverse name; an address without a name comes back as its literal.
    private static Optional<String> reverseName(InetAddress address) {
        String name = address.getCanonicalHostName();
        return name.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(name);
    }
}
