package io.outpost.relay.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiving SMTP server on 127.0.0.1 that records every transaction and answers RCPT and end-of-data with scripted
 * replies, so delivery tests can assert exactly what arrived and how outcomes were reported.
 *
 * <p>It offers PIPELINING, 8BITMIME and SMTPUTF8 (no STARTTLS) and accepts everything not scripted otherwise.
 *
 * <pre>{@code
 * try (var receiver = new TestSmtpReceiver().start()) {
 *     receiver.replyToRcpt("busy@example.test", "451 4.2.0 try later", 1);
 *     receiver.replyToRcpt("nobody@example.test", "550 5.1.1 no such user");
 *     ... deliver to 127.0.0.1:receiver.port() ...
 *     var transaction = receiver.awaitTransactions(1, Duration.ofSeconds(5)).get(0);
 * }
 * }</pre>
 */
public final class TestSmtpReceiver implements AutoCloseable {

    private static final String HOSTNAME = "receiver.test";
    private static final String DEFAULT_RCPT_REPLY = "250 2.1.5 recipient ok";
    private static final String DEFAULT_DATA_REPLY = "250 2.0.0 queued";

    /** One completed mail transaction: envelope and the message exactly as received, dot-unstuffed. */
    public record Transaction(String mailFrom, List<String> rcptTo, byte[] data) {
        public Transaction {
            rcptTo = List.copyOf(rcptTo);
        }

        /** The data as UTF-8 text, for readable assertions. */
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Script> rcptScripts = new ConcurrentHashMap<>();
    private volatile Script dataScript;
    private volatile Script greetingScript;
    private volatile Duration dataDelay = Duration.ZERO;
    private final List<Transaction> transactions = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;
    private Thread acceptor;

    /** Starts on an ephemeral port. */
    public TestSmtpReceiver start() {
        return start(0);
    }

    /** Starts on {@code port}. */
    public TestSmtpReceiver start(int port) {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "test-smtp-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answers RCPT for {@code address} with {@code reply} the next {@code times} times, then accepts it. */
    public TestSmtpReceiver replyToRcpt(String address, String reply, int times) {
        rcptScripts.put(address.toLowerCase(Locale.ROOT), new Script(reply, times));
        return this;
    }

    /** Always answers RCPT for {@code address} with {@code reply}. */
    public TestSmtpReceiver replyToRcpt(String address, String reply) {
        return replyToRcpt(address, reply, Integer.MAX_VALUE);
    }

    /**
     * Greets the next {@code times} connections with {@code reply} (e.g. {@code "554 5.3.2 no service"}) and closes
     * them, as a host that is up but refuses mail would; later connections get the normal greeting.
     */
    public TestSmtpReceiver greetWith(String reply, int times) {
        greetingScript = new Script(reply, times);
        return this;
    }

    /** Answers the end of data with {@code reply} the next {@code times} times, then accepts. */
    public TestSmtpReceiver replyToData(String reply, int times) {
        dataScript = new Script(reply, times);
        return this;
    }

    /** Always answers the end of data with {@code reply}. */
    public TestSmtpReceiver replyToData(String reply) {
        return replyToData(reply, Integer.MAX_VALUE);
    }

    /**
     * Waits {@code delay} after receiving a message's data before answering it, as a slow or overloaded host does. The
     * transaction is counted as received at once.
     */
    public TestSmtpReceiver answerDataAfter(Duration delay) {
        dataDelay = delay;
        return this;
    }

    /** Every transaction whose data was received so far, in order. */
    public List<Transaction> transactions() {
        synchronized (transactions) {
            return List.copyOf(transactions);
        }
    }

    /** Waits until at least {@code n} transactions arrived; fails the test with an AssertionError otherwise. */
    public List<Transaction> awaitTransactions(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (transactions) {
            while (transactions.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " transactions, got " + transactions.size());
                }
                try {
                    transactions.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for transactions", e);
                }
            }
            return List.copyOf(transactions);
        }
    }

    /** How many connections were accepted so far, so tests can prove connection reuse. */
    public int connectionCount() {
        return connections.get();
    }

    /** Stops accepting and waits until the listening socket is released, so the port can be bound again at once. */
    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            if (acceptor != null) {
                acceptor.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> serve(client), "test-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            new Session(new BufferedInputStream(client.getInputStream()), client.getOutputStream()).run();
        } catch (IOException endOfConnection) {
            // the client went away
        }
    }

    /** Replies a recipient or the data phase gets, a given number of times. */
    private static final class Script {
        private final String reply;
        private int remaining;

        Script(String reply, int times) {
            this.reply = reply;
            this.remaining = times;
        }

        synchronized String next(String otherwise) {
            if (remaining <= 0) {
                return otherwise;
            }
            remaining--;
            return reply;
        }
    }

    /** One SMTP session (RFC 5321 §4.1), just enough of it for a client under test. */
    private final class Session {
        private final InputStream in;
        private final OutputStream out;
        private String mailFrom;
        private final List<String> rcptTo = new ArrayList<>();

        Session(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            String greeting = "220 " + HOSTNAME + " ESMTP test receiver";
            Script script = greetingScript;
            greeting = script == null ? greeting : script.next(greeting);
            reply(greeting);
            if (!greeting.startsWith("220")) {
                return;
            }
            String line;
            while ((line = readCommand()) != null) {
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply("250-" + HOSTNAME + "\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO" -> reply("250 " + HOSTNAME);
                    case "MAIL" -> mail(line);
                    case "RCPT" -> rcpt(line);
                    case "DATA" -> data();
                    case "RSET" -> {
                        reset();
                        reply("250 2.0.0 reset");
                    }
                    case "NOOP" -> reply("250 2.0.0 ok");
                    case "QUIT" -> {
                        reply("221 2.0.0 bye");
                        return;
                    }
                    default -> reply("500 5.5.2 command not recognised");
                }
            }
        }

        private void mail(String line) throws IOException {
            reset();
            mailFrom = path(line);
            reply("250 2.1.0 sender ok");
        }

        private void rcpt(String line) throws IOException {
            if (mailFrom == null) {
                reply("503 5.5.1 MAIL first");
                return;
            }
            String address = path(line);
            Script script = rcptScripts.get(address.toLowerCase(Locale.ROOT));
            String answer = script == null ? DEFAULT_RCPT_REPLY : script.next(DEFAULT_RCPT_REPLY);
            if (answer.startsWith("2")) {
                rcptTo.add(address);
            }
            reply(answer);
        }

        private void data() throws IOException {
            if (rcptTo.isEmpty()) {
                reply("554 5.5.1 no valid recipients");
                return;
            }
            reply("354 end data with <CR><LF>.<CR><LF>");
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] line;
            while ((line = readLine()) != null) {
                if (isEndOfData(line)) {
                    break;
                }
                // RFC 5321 §4.5.2: remove the leading dot the client added to lines starting with one.
                int start = line.length > 0 && line[0] == '.' ? 1 : 0;
                data.write(line, start, line.length - start);
            }
            if (line == null) {
                return;
            }
            synchronized (transactions) {
                transactions.add(new Transaction(mailFrom, rcptTo, data.toByteArray()));
                transactions.notifyAll();
            }
            try {
                Thread.sleep(dataDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Script script = dataScript;
            reply(script == null ? DEFAULT_DATA_REPLY : script.next(DEFAULT_DATA_REPLY));
            reset();
        }

        private void reset() {
            mailFrom = null;
            rcptTo.clear();
        }

        private boolean isEndOfData(byte[] line) {
            return line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n';
        }

        private String path(String line) {
            int open = line.indexOf('<');
            int close = line.indexOf('>', open + 1);
            return open < 0 || close < 0 ? "" : line.substring(open + 1, close);
        }

        private String readCommand() throws IOException {
            byte[] line = readLine();
            if (line == null) {
                return null;
            }
            String text = new String(line, StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.strip();
        }

        /** One line including its line ending, or null at end of stream. */
        private byte[] readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
            }
            return null;
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
