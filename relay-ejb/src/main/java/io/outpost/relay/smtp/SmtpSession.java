package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderFields;
import io.outpost.relay.content.HeaderMessageId;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.content.StreamField;
import io.outpost.relay.login.AuthThrottle;
import io.outpost.relay.plugin.PolicyRefusal;
import io.outpost.relay.plugin.SubmissionView;
import io.outpost.relay.smtp.auth.AuthResult;
import io.outpost.relay.smtp.auth.Authenticator;
import io.outpost.relay.smtp.auth.Identity;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * One SMTP conversation with one client, server side (RFC 5321), on the thread that runs it.
 *
 * <p>The session is a state machine: {@code CONNECTED} until EHLO/HELO, then {@code GREETED}; MAIL moves it to
 * {@code MAIL}, the first accepted RCPT to {@code RCPT}, and DATA (or BDAT ... LAST) takes the message and returns it to
 * {@code GREETED}, as do RSET and a new EHLO/HELO. Connection facts (client, greeting, identity) and transaction facts
 * ({@link Transaction}) live in separate typed fields.
 *
 * <p>STARTTLS (RFC 3207) replaces {@link #transport} with one over TLS and returns the session to {@code CONNECTED},
 * forgetting the greeting and anything the client sent in plain text after the command. AUTH (RFC 4954), offered only
 * over TLS, sets {@link #identity}. Failed attempts are counted by the shared {@link AuthThrottle}.
 *
 * <p>What a client may send is decided by the submission pipeline ({@link SmtpSettings#submission()}) at CONNECT, HELO,
 * MAIL, each RCPT and the end of the data: relay control, sender binding, limits and the operator's policies. A
 * refusal there is answered with the deciding policy's reply as it gave it.
 *
 * <p>Every refusal is an {@link SmtpRejection} carrying its reply; I/O failures end the session. Message content is
 * never logged, and text the client chose is logged only through {@link LogText}.
 *
 * <p>A client that is neither authenticated nor in a trusted network may only mail the postmaster and the local
 * domains; its messages are held to the smaller {@link UnauthenticatedLimits}.
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
    // RFC 4954 §4: AUTH exchange lines may be up to 12288 octets, far beyond the command line limit.
    private static final int SASL_LINE_OCTETS = 12288;

    private final SmtpSettings settings;
    private final MessageAcceptor acceptor;
    private final TraceHeaders traceHeaders;
    private final Domain serverDomain;
    private final EmailAddress postmaster;
    private final InetAddress clientAddress;
    private final Optional<String> clientName;
    private final FixedWindowRate<NetworkRange> unauthenticatedRate;

    private SmtpTransport transport;
    private CommandLineReader commandLines;
    private CommandLineReader saslLines;
    private State state = State.CONNECTED;
    private Greeting greeting;
    private Identity identity;
    private final Optional<Identity> networkIdentity;
    private final boolean trustedNetwork;
    private Transaction transaction;

    SmtpSession(
            SmtpSettings settings,
            MessageAcceptor acceptor,
            SmtpTransport transport,
            FixedWindowRate<NetworkRange> unauthenticatedRate) {
        this.settings = settings;
        this.unauthenticatedRate = unauthenticatedRate;
        this.acceptor = acceptor;
        this.traceHeaders = new TraceHeaders(settings.hostname());
        this.serverDomain = Domain.of(settings.hostname());
        this.postmaster = new EmailAddress(PathParser.POSTMASTER, serverDomain);
        this.clientAddress = transport.remoteAddress();
        this.clientName = settings.lookUpClientNames() ? reverseName(clientAddress) : Optional.empty();
        this.networkIdentity = settings.relayPolicy().networkIdentity(clientAddress);
        // The client's address does not change during the session: matched once, not at every MAIL, DATA and chunk.
        this.trustedNetwork = settings.relayPolicy().isTrusted(clientAddress);
        useTransport(transport);
    }

    @Override
    public void run() {
        LOG.fine(() -> "session start " + clientAddress.getHostAddress());
        try {
            Optional<SmtpReply> refused = settings.submission()
                    .refusal(PluginPhase.CONNECT, () -> submission(Optional.empty()))
                    .map(PolicyRefusal::reply);
            if (refused.isPresent()) {
                // RFC 5321 §3.1: the greeting itself refuses (554), or says to come back later (421); either way the
                // connection ends here.
                LOG.info(() -> "connection from " + clientAddress.getHostAddress() + " refused: " + refused.get());
                transport.sendNow(refused.get());
                return;
            }
            transport.sendNow(Replies.greeting(settings.hostname()));
            boolean open = true;
            while (open) {
                open = answerNextCommand();
            }
        } catch (SocketTimeoutException e) {
            sayTimeout();
        } catch (SSLException e) {
            // Nothing may be written: the client takes the connection for TLS, and our TLS never started or broke.
            LOG.log(Level.FINE, e, () -> "TLS with " + clientAddress.getHostAddress() + " failed");
        } catch (EOFException e) {
            LOG.fine(() -> "client " + clientAddress.getHostAddress() + " left without QUIT");
        } catch (IOException e) {
            LOG.log(Level.FINE, e, () -> "session with " + clientAddress.getHostAddress() + " ended");
        } finally {
            endTransaction();
            closeTransport();
        }
    }

    /** Reads one command line and answers it; false once the session is over. */
    private boolean answerNextCommand() throws IOException {
        transport.awaitCommand(settings.commandTimeout(), settings.timeLimits().commandLine()); // RFC 5321 §4.5.3.2.7
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
            case STARTTLS -> startTls();
            case AUTH -> {
                return auth(argument);
            }
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
        Optional<PolicyRefusal> refused =
                settings.submission().refusal(PluginPhase.HELO, () -> submission(Optional.of(heloName)));
        if (refused.isPresent()) {
            throw new SmtpRejection(refused.get().reply());
        }
        // RFC 5321 §4.1.4: EHLO/HELO in the middle of a transaction aborts it, like RSET.
        endTransaction();
        greeting = new Greeting(heloName, extended);
        state = State.GREETED;
        transport.send(extended ? ehloReply() : SmtpReply.withoutStatus(250, List.of(settings.hostname())));
    }

    private SmtpReply ehloReply() {
        List<String> lines = new ArrayList<>(List.of(
                settings.hostname() + " greets " + greeting.heloName(),
                "PIPELINING", // RFC 2920
                "SIZE " + settings.maxMessageOctets(), // RFC 1870
                "8BITMIME", // RFC 6152
                "ENHANCEDSTATUSCODES", // RFC 2034
                "SMTPUTF8", // RFC 6531
                "CHUNKING")); // RFC 3030
        // RFC 3207 §4.2: STARTTLS is not offered again once TLS is active.
        if (settings.tls().isPresent() && !transport.secure()) {
            lines.add("STARTTLS");
        }
        // RFC 4954 §4 and RFC 8314 §5.2: PLAIN and LOGIN send the password itself, so they are offered over TLS only.
        if (settings.authenticator().isPresent() && transport.secure() && identity == null) {
            lines.add(SaslMechanism.EHLO_KEYWORD);
        }
        return SmtpReply.withoutStatus(250, lines);
    }

    private void startTls() throws IOException, SmtpRejection {
        SSLContext context = settings.tls().orElseThrow(() -> new SmtpRejection(Replies.STARTTLS_NOT_AVAILABLE));
        if (transport.secure()) {
            throw new SmtpRejection(Replies.TLS_ALREADY_ACTIVE);
        }
        transport.sendNow(Replies.READY_TO_START_TLS);
        if (transport.input().available() > 0) {
            LOG.warning(
                    () -> "discarding plain-text octets pipelined after STARTTLS by " + clientAddress.getHostAddress());
        }
        // A failed handshake throws and ends the session, which closes the connection.
        useTransport(transport.startTls(context, settings.timeLimits().tlsHandshake()));
        // RFC 3207 §4.2: forget everything learnt before TLS; the client must send EHLO again.
        greeting = null;
        identity = null;
        endTransaction();
        state = State.CONNECTED;
    }

    /** RFC 4954 §4; false when the throttle has blocked the client and the session must end. */
    private boolean auth(String argument) throws IOException, SmtpRejection {
        Authenticator authenticator =
                settings.authenticator().orElseThrow(() -> new SmtpRejection(Replies.AUTH_NOT_AVAILABLE));
        requireGreeted();
        if (identity != null) {
            throw new SmtpRejection(Replies.ALREADY_AUTHENTICATED);
        }
        if (transaction != null) {
            throw new SmtpRejection(Replies.AUTH_IN_TRANSACTION);
        }
        String[] words = argument.split(" ", -1);
        if (argument.isEmpty() || words.length > 2) {
            throw new SmtpRejection(Replies.SYNTAX_ERROR);
        }
        SaslMechanism mechanism =
                SaslMechanism.lookup(words[0]).orElseThrow(() -> new SmtpRejection(Replies.UNKNOWN_MECHANISM));
        if (!transport.secure()) {
            throw new SmtpRejection(Replies.ENCRYPTION_REQUIRED);
        }
        AuthThrottle throttle = settings.authThrottle();
        if (throttle.isBlocked(clientAddress)) {
            return refuseThrottled();
        }
        Optional<byte[]> initialResponse =
                words.length == 2 ? Optional.of(words[1].getBytes(StandardCharsets.US_ASCII)) : Optional.empty();
        Credentials credentials =
                switch (mechanism) {
                    case PLAIN -> Credentials.plain(saslResponse(initialResponse, Replies.PLAIN_CHALLENGE));
                    case LOGIN -> Credentials.login(
                            saslResponse(initialResponse, Replies.USERNAME_CHALLENGE),
                            saslResponse(Optional.empty(), Replies.PASSWORD_CHALLENGE));
                };
        AuthResult result;
        try {
            if (throttle.isBlocked(clientAddress, credentials.username())) {
                return refuseThrottled();
            }
            result = authenticate(authenticator, credentials);
        } finally {
            // Zeroed before the reply goes out (Authenticator's contract), not after: nothing waits on the password.
            credentials.wipe();
        }
        answerAuthentication(result, credentials.username());
        return true;
    }

    /** The client's response: the initial response if it gave one (RFC 4954 §4), else the answer to a 334 challenge. */
    private byte[] saslResponse(Optional<byte[]> initialResponse, SmtpReply challenge)
            throws IOException, SmtpRejection {
        if (initialResponse.isPresent()) {
            return SaslResponse.decode(initialResponse.get());
        }
        transport.sendNow(challenge);
        return SaslResponse.decode(saslLines.readOctets());
    }

    private AuthResult authenticate(Authenticator authenticator, Credentials credentials) {
        try {
            AuthResult result =
                    authenticator.authenticate(credentials.username(), credentials.password(), clientAddress);
            return result != null ? result : new AuthResult.TemporaryFailure("authenticator returned null");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "authenticator failed", e);
            return new AuthResult.TemporaryFailure(
                    "authenticator threw " + e.getClass().getName());
        }
    }

    private void answerAuthentication(AuthResult result, String username) throws IOException {
        String client = clientAddress.getHostAddress();
        if (result instanceof AuthResult.Authenticated authenticated) {
            identity = authenticated.identity();
            settings.authThrottle().recordSuccess(clientAddress, username);
            LOG.info(() -> "client " + client + " authenticated as " + LogText.of(username));
            transport.send(Replies.AUTH_OK);
        } else if (result instanceof AuthResult.TemporaryFailure failure) {
            LOG.warning(() -> "authentication of " + LogText.of(username) + " from " + client + " failed: "
                    + LogText.of(failure.reason()));
            transport.send(failure.reply().orElse(Replies.AUTH_TEMPORARY_FAILURE));
        } else {
            Duration delay = settings.authThrottle().recordFailure(clientAddress, username);
            LOG.info(() -> "authentication of " + LogText.of(username) + " from " + client + " rejected");
            pause(delay);
            transport.sendNow(((AuthResult.Rejected) result).reply().orElse(Replies.AUTH_INVALID));
        }
    }

    private boolean refuseThrottled() throws IOException {
        LOG.warning(() -> "AUTH blocked for " + clientAddress.getHostAddress() + ": too many failures");
        transport.sendNow(Replies.AUTH_BLOCKED);
        return false;
    }

    // The delay slows a guesser down without a reply it could act on sooner; the interrupt ends the session.
    private static void pause(Duration delay) throws IOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during AUTH delay");
        }
    }

    private void mail(String argument) throws IOException, SmtpRejection {
        requireGreeted();
        if (transaction != null) {
            throw new SmtpRejection(Replies.NESTED_MAIL); // RFC 5321 §4.1.4
        }
        MailFrom mailFrom = PathParser.mailFrom(argument, greeting.extended());
        if (mailFrom.declaredSize().orElse(0) > maxMessageOctets()) {
            throw new SmtpRejection(Replies.MESSAGE_TOO_BIG); // RFC 1870 §6.1
        }
        if (!submitting() && !unauthenticatedRate.tryAcquire(NetworkRange.clientNetworkOf(clientAddress))) {
            LOG.info(() -> "message rate limit reached for " + clientAddress.getHostAddress());
            throw new SmtpRejection(Replies.UNAUTHENTICATED_RATE_EXCEEDED);
        }
        Optional<PolicyRefusal> refused = settings.submission()
                .refusal(PluginPhase.MAIL, () -> envelope(Optional.of(mailFrom.sender()), List.of(), Optional.empty())
                        .build());
        if (refused.isPresent()) {
            throw new SmtpRejection(refused.get().reply());
        }
        transaction = new Transaction(mailFrom);
        state = State.MAIL;
        transport.send(Replies.SENDER_OK);
    }

    private void rcpt(String argument) throws IOException, SmtpRejection {
        requireTransaction();
        EmailAddress recipient =
                PathParser.rcptTo(argument, transaction.mailFrom().smtpUtf8(), serverDomain);
        if (transaction.hasMailbox(recipient)) {
            // Accepted again rather than refused, as clients may repeat a mailbox: checked when first given, and
            // delivered once (the same mailbox by RFC 5321 §2.4, see EmailAddress#isSameMailbox).
            transport.send(Replies.RECIPIENT_OK);
            return;
        }
        if (transaction.recipientCount() >= settings.maxRecipients()) {
            throw new SmtpRejection(Replies.TOO_MANY_RECIPIENTS); // RFC 5321 §4.5.3.1.10
        }
        // RFC 5321 §4.5.1: the server's own postmaster is reachable from anyone, whatever the rules.
        if (!recipient.equals(postmaster)) {
            Optional<PolicyRefusal> refused = settings.submission().refusal(PluginPhase.RCPT, () -> envelope(
                            Optional.of(transaction.mailFrom().sender()),
                            transaction.recipients(),
                            Optional.of(recipient))
                    .build());
            if (refused.isPresent()) {
                // A tenant reads in its message's story which recipients were refused, by which policy, and why.
                if (sendingIdentity().isPresent() && !refused.get().temporary()) {
                    transaction.refused(recipient, refused.get(), settings.maxRecipients());
                }
                throw new SmtpRejection(refused.get().reply());
            }
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
        IncomingContent incoming = settings.spool()
                .incoming()
                .map(sink -> new IncomingContent(sink, maxMessageOctets(), settings.bareLineEndings()))
                .orElseThrow(SmtpSession::mailSystemFull);
        try (incoming) {
            transport.sendNow(Replies.START_DATA);
            transport.awaitData(settings.dataTimeout(), settings.timeLimits().dataTransfer()); // RFC 5321 §4.5.3.2.5
            DataReader reader = new DataReader(transport.input(), incoming);
            Transaction finished = transaction;
            // RFC 5321 §4.1.1.4: the transaction ends with the data, whether the message is accepted or not.
            endTransaction();
            SmtpReply reply;
            try (MessageContent content = reader.read()) {
                reply = deliver(finished, content);
            }
            // Sent once the message's memory and spool file are given back, so the client's next message finds room.
            transport.send(reply);
        }
    }

    // RFC 5321 §4.2.2 and RFC 3463 X.3.1: the cap on bytes in flight is reached; the client keeps the mail and retries.
    private static SmtpRejection mailSystemFull() {
        // Not a warning per refusal: under a flood that would be thousands of lines a minute.
        LOG.fine("refusing a message: the cap on message bytes in flight is reached");
        return new SmtpRejection(Replies.MAIL_SYSTEM_FULL);
    }

    /**
     * RFC 3030 §2: a chunk is exactly {@code size} raw octets, no dot-stuffing. Its octets are read even when the
     * command is refused, so they can never be taken for commands.
     */
    private void bdat(String argument) throws IOException, SmtpRejection {
        BdatCommand chunk = BdatCommand.parse(argument);
        transport.awaitData(settings.dataTimeout(), settings.timeLimits().dataTransfer());
        if (state != State.RCPT) {
            copyChunk(chunk.size(), OutputStream.nullOutputStream());
            requireRecipients();
        }
        // The same rules as DATA: size limit and bare line endings, with a CRLF split across chunks still one pair.
        Optional<IncomingContent> chunks =
                transaction.chunks(settings.spool(), maxMessageOctets(), settings.bareLineEndings());
        if (chunks.isEmpty()) {
            copyChunk(chunk.size(), OutputStream.nullOutputStream());
            endTransaction();
            throw mailSystemFull();
        }
        IncomingContent content = chunks.get();
        if (content.octets() + chunk.size() > maxMessageOctets()) {
            copyChunk(chunk.size(), OutputStream.nullOutputStream());
            endTransaction();
            throw new SmtpRejection(Replies.MESSAGE_TOO_BIG);
        }
        copyChunk(chunk.size(), content.sink());
        if (!chunk.last()) {
            transport.send(SmtpReply.of(250, "2.0.0", chunk.size() + " octets received"));
            return;
        }
        Transaction finished = transaction;
        MessageContent message;
        try {
            message = content.finish();
        } finally {
            // RFC 3030 §2: the transaction ends with the LAST chunk, whether the message is accepted or not.
            endTransaction();
        }
        SmtpReply reply;
        try (message) {
            reply = deliver(finished, message);
        }
        transport.send(reply);
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

    /** Stamps the trace fields, hands the message to the acceptor and returns the reply to send. */
    private SmtpReply deliver(Transaction finished, MessageContent content) {
        byte[] headerSection;
        try {
            headerSection = content.headerSection();
        } catch (MessageContent.HeaderSectionTooLarge e) {
            return Replies.HEADER_SECTION_TOO_LARGE;
        } catch (UncheckedIOException e) {
            // The spool file could not be read back (disk failing): the client keeps the message and retries.
            LOG.log(Level.WARNING, "spooled message could not be read", e);
            return Replies.COMMIT_FAILED;
        }
        MailFrom mailFrom = finished.mailFrom();
        List<EmailAddress> recipients = finished.recipients();
        // RFC 6409 §8: a trusted or authenticated client is submitting, so missing Message-ID and Date are ours to add,
        // and its X-Outpost-Stream field is an instruction to us.
        boolean submission = submitting();
        MessageStream stream = defaultStream();
        if (submission) {
            StreamField.Choice choice = StreamField.read(headerSection);
            if (choice instanceof StreamField.Invalid invalid) {
                return Replies.unknownStream(invalid.value());
            }
            if (choice instanceof StreamField.Named named) {
                stream = named.stream();
            }
        }
        MessageStream chosen = stream;
        Optional<PolicyRefusal> refused = settings.submission().refusal(PluginPhase.MESSAGE, () -> envelope(
                        Optional.of(mailFrom.sender()), recipients, Optional.empty())
                .message(new MessageHeaders(HeaderFields.all(headerSection)), content.size())
                .stream(chosen)
                .build());
        if (refused.isPresent()) {
            recordRefusal(new RefusedSubmission(
                    mailFrom.sender(),
                    recipients,
                    content.size(),
                    new ClientInfo(clientAddress, greeting.heloName(), transport.tls()),
                    sendingIdentity(),
                    refused.get(),
                    HeaderMessageId.of(headerSection),
                    finished.refusals()));
            return refused.get().reply();
        }
        String id = RandomIds.next();
        TraceHeaders.Arrival arrival = new TraceHeaders.Arrival(
                greeting.heloName(),
                clientName,
                clientAddress,
                protocol(mailFrom),
                id,
                recipients,
                ZonedDateTime.now());
        MessageContent sent = submission ? StreamField.removeInstructions(content, headerSection) : content;
        ReceivedMessage message = new ReceivedMessage(
                mailFrom.sender(),
                recipients,
                traceHeaders.stamp(sent, headerSection, arrival, submission),
                new ClientInfo(clientAddress, greeting.heloName(), transport.tls()),
                mailFrom.smtpUtf8(),
                mailFrom.eightBitMime(),
                submission,
                sendingIdentity(),
                finished.refusals(),
                chosen,
                submission ? StreamField.trackingAsked(headerSection) : Optional.empty(),
                submission ? StreamField.topicAsked(headerSection) : Optional.empty());
        SmtpReply reply = commit(message);
        // Named source: once per message, java.util.logging would otherwise walk the stack to find it.
        LOG.logp(
                Level.INFO,
                SmtpSession.class.getName(),
                "deliver",
                () -> "message " + id + " from "
                        + clientAddress.getHostAddress() + " " + LogText.of(mailFrom.sender()) + " to "
                        + recipients.size()
                        + " recipient(s): " + reply);
        return reply;
    }

    /** What a submission policy sees of this session before any transaction; {@code heloName} at HELO. */
    private Submission submission(Optional<String> heloName) {
        return view(heloName.or(this::heloName)).build();
    }

    /** The view of a transaction: its sender, the recipients accepted so far and the one being decided. */
    private SubmissionView envelope(
            Optional<ReversePath> sender, List<EmailAddress> accepted, Optional<EmailAddress> recipient) {
        return view(heloName()).envelope(sender, accepted, recipient);
    }

    private SubmissionView view(Optional<String> heloName) {
        Optional<Identity> sender = sendingIdentity();
        Optional<TenantId> tenant = sender.map(Identity::tenant);
        Optional<AuthenticatedPrincipal> principal = Optional.ofNullable(identity)
                .map(id -> new AuthenticatedPrincipal(id.tenant(), CredentialId.of(id.username())));
        return new SubmissionView(
                        Submission.Channel.SMTP,
                        new ClientConnection(clientAddress, clientName, heloName, transport.tls()),
                        principal,
                        tenant)
                .stream(defaultStream());
    }

    // Until the message's own field is read: its submitter's default.
    private MessageStream defaultStream() {
        return sendingIdentity().map(settings.streamDefaults()).orElse(MessageStream.TRANSACTIONAL);
    }

    private Optional<String> heloName() {
        return Optional.ofNullable(greeting).map(Greeting::heloName);
    }

    /**
     * Whom the sender binding and the sending limits apply to: the authenticated credential or, failing that, the
     * tenant on whose behalf the client's network is trusted.
     */
    private Optional<Identity> sendingIdentity() {
        return identity != null ? Optional.of(identity) : networkIdentity;
    }

    /** True for an authenticated client or one in a trusted network; the others may only mail local recipients. */
    private boolean submitting() {
        return identity != null || trustedNetwork;
    }

    /** The size limit for this client's messages: the smaller one unless it is {@link #submitting()}. */
    private long maxMessageOctets() {
        return submitting()
                ? settings.maxMessageOctets()
                : Math.min(
                        settings.maxMessageOctets(), settings.unauthenticated().maxMessageOctets());
    }

    // The refusal stands whatever happens to its record.
    private void recordRefusal(RefusedSubmission refused) {
        try {
            acceptor.refused(refused);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refused message not recorded", e);
        }
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

    // RFC 6531 §3.7.3 and RFC 3848: the "with" keyword names the protocol actually used, S for TLS, A for AUTH.
    private String protocol(MailFrom mailFrom) {
        if (!greeting.extended()) {
            return "SMTP";
        }
        return (mailFrom.smtpUtf8() ? "UTF8SMTP" : "ESMTP")
                + (transport.secure() ? "S" : "")
                + (identity != null ? "A" : "");
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
        if (transaction != null) {
            transaction.discard();
        }
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

    private void closeTransport() {
        try {
            transport.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }

    private void useTransport(SmtpTransport newTransport) {
        this.transport = newTransport;
        this.commandLines = new CommandLineReader(newTransport.input(), settings.maxCommandLineOctets());
        this.saslLines = new CommandLineReader(newTransport.input(), SASL_LINE_OCTETS);
    }

    // InetAddress forward-confirms the reverse name; an address without a name comes back as its literal.
    private static Optional<String> reverseName(InetAddress address) {
        String name = address.getCanonicalHostName();
        return name.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(name);
    }
}
