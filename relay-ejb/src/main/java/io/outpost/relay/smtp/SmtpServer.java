package io.outpost.relay.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SMTP listener: an accept loop on a thread from the given factory and one thread per connection from the same
 * factory, bounded by the connection limits. Over a limit the client gets {@code 421 4.7.0} and is closed.
 *
 * <p>Besides the plain port (STARTTLS offered when TLS is configured), a second port may speak implicit TLS (RFC 8314
 * §3): the handshake comes first, on the session's thread, and the greeting follows inside TLS. Both share the limits.
 *
 * <p>Every connection ends by the {@link SessionTimeLimits#session()} limit: the session answers 421 at its next read,
 * and a watchdog closes the socket a little later if the session thread is stuck in a write or a handshake.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpServer.class.getName());
    private static final int BACKLOG = 100;
    // Time a session has after its own limit before the watchdog closes the socket under it: longer than a commit may
    // take (intake waits up to 60 s), so a message committed just before the limit still gets its 250.
    private static final Duration WATCHDOG_GRACE = Duration.ofMinutes(2);
    // Client networks whose message rate is remembered: far more than can send within one minute through the
    // connection limits, and at most a few MiB.
    private static final int MAX_RATED_CLIENTS = 100_000;

    private final SmtpSettings settings;
    private final MessageAcceptor acceptor;
    private final ThreadFactory threads;
    private final ThreadPoolExecutor sessions;
    private final ConnectionLimiter limiter;
    private final ConnectionWatchdog watchdog;
    private final FixedWindowRate<NetworkRange> unauthenticatedRate;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket serverSocket;
    private volatile ServerSocket implicitTlsSocket;

    public SmtpServer(SmtpSettings settings, MessageAcceptor acceptor, ThreadFactory threads) {
        if (!settings.submission().controlsRelay()) {
            // Without the relay-control rule at RCPT every recipient would be accepted: never an open relay.
            throw new IllegalArgumentException("the submission pipeline has no relay control at RCPT");
        }
        this.settings = settings;
        this.acceptor = acceptor;
        this.threads = threads;
        this.limiter = new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerClient());
        this.watchdog = new ConnectionWatchdog(threads);
        this.unauthenticatedRate = new FixedWindowRate<>(
                settings.unauthenticated().messagesPerMinute(),
                Duration.ofMinutes(1),
                MAX_RATED_CLIENTS,
                System::nanoTime);
        // Session threads are kept for the next connection: most senders open one connection per message, and a new
        // managed thread per connection was a measurable part of each message's cost. The limiter bounds how many run.
        this.sessions = new ThreadPoolExecutor(
                0, settings.maxConnections(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /** Binds the plain port and starts accepting; returns once the socket is bound, so {@link #port()} is known. */
    public synchronized void start(InetSocketAddress bindAddress) throws IOException {
        start(bindAddress, Optional.empty());
    }

    /**
     * Binds the plain port and, if given, the implicit-TLS port (RFC 8314 §3, usually 465), which needs
     * {@link SmtpSettings#tls()}; returns once both are bound.
     */
    public synchronized void start(InetSocketAddress plain, Optional<InetSocketAddress> implicitTls)
            throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        if (implicitTls.isPresent() && settings.tls().isEmpty()) {
            throw new IllegalStateException("implicit TLS needs an SSLContext in the settings");
        }
        serverSocket = listen(plain, false);
        if (implicitTls.isPresent()) {
            try {
                implicitTlsSocket = listen(implicitTls.get(), true);
            } catch (IOException e) {
                close();
                throw e;
            }
        }
    }

    /** The bound plain port, useful when started on port 0. */
    public int port() {
        return portOf(serverSocket);
    }

    /** The bound implicit-TLS port; {@link IllegalStateException} if there is none. */
    public int implicitTlsPort() {
        return portOf(implicitTlsSocket);
    }

    /** Stops accepting and closes every open connection; their sessions end with an I/O error. */
    @Override
    public void close() {
        for (ServerSocket socket : new ServerSocket[] {serverSocket, implicitTlsSocket}) {
            if (socket != null) {
                closeQuietly(socket);
            }
        }
        openSockets.forEach(SmtpServer::closeQuietly);
        sessions.shutdown();
        watchdog.close();
    }

    private ServerSocket listen(InetSocketAddress bindAddress, boolean implicitTls) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(bindAddress, BACKLOG);
        Thread acceptLoop = threads.newThread(() -> acceptLoop(socket, implicitTls));
        if (acceptLoop == null) {
            socket.close();
            throw new IOException("thread factory refused to create the accept thread");
        }
        acceptLoop.start();
        LOG.info(() -> "SMTP listening on " + socket.getLocalSocketAddress() + (implicitTls ? " (implicit TLS)" : "")
                + " as " + settings.hostname() + ", " + settings.relayPolicy());
        return socket;
    }

    private static int portOf(ServerSocket socket) {
        if (socket == null) {
            throw new IllegalStateException("not listening");
        }
        return socket.getLocalPort();
    }

    private void acceptLoop(ServerSocket socket, boolean implicitTls) {
        while (!socket.isClosed()) {
            try {
                dispatch(socket.accept(), implicitTls);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
            }
        }
    }

    private void dispatch(Socket connection, boolean implicitTls) {
        InetAddress client = connection.getInetAddress();
        if (!limiter.tryAcquire(client)) {
            LOG.warning(() -> "connection limit reached, refusing " + client.getHostAddress());
            refuse(connection);
            return;
        }
        openSockets.add(connection);
        try {
            sessions.execute(() -> serve(connection, client, implicitTls));
        } catch (RejectedExecutionException e) {
            // Only when a finishing session has released its slot but not yet its thread, or while stopping.
            LOG.warning("no session thread available, refusing " + client.getHostAddress());
            openSockets.remove(connection);
            limiter.release(client);
            refuse(connection);
        }
    }

    private void serve(Socket connection, InetAddress client, boolean implicitTls) {
        SessionTimeLimits limits = settings.timeLimits();
        long deadline = System.nanoTime() + limits.session().toNanos();
        try (connection;
                ConnectionWatchdog.Guard guard =
                        watchdog.closeAfter(connection, limits.session().plus(WATCHDOG_GRACE))) {
            SmtpTransport transport = new SmtpTransport(connection, deadline, watchdog);
            if (implicitTls) {
                // RFC 8314 §3.3: TLS from the first octet; a failed handshake ends here, before any SMTP.
                transport = transport.startTls(settings.tls().orElseThrow(), limits.tlsHandshake());
            }
            new SmtpSession(settings, acceptor, transport, unauthenticatedRate).run();
        } catch (IOException e) {
            LOG.log(Level.FINE, "session I/O failed", e);
        } catch (RuntimeException e) {
            // A bug in one session must not go unnoticed, nor leak its connection slot.
            LOG.log(Level.SEVERE, "session failed", e);
        } finally {
            openSockets.remove(connection);
            limiter.release(client);
        }
    }

    // Written on the accept thread: one short reply fits the socket's send buffer, so it cannot block.
    private void refuse(Socket connection) {
        try (connection) {
            connection
                    .getOutputStream()
                    .write(Replies.tooManyConnections(settings.hostname()).toWire());
            connection.getOutputStream().flush();
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not refuse connection", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }
}
