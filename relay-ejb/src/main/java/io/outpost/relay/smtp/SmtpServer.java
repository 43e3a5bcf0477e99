package io.outpost.relay.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SMTP listener: an accept loop on a thread from the given factory and one thread per connection from the same
 * factory, bounded by the connection limits. Over a limit the client gets {@code 421 4.7.0} and is closed.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpServer.class.getName());
    private static final int BACKLOG = 100;

    private final SmtpSettings settings;
    private final MessageAcceptor acceptor;
    private final ThreadFactory threads;
    private final ConnectionLimiter limiter;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket serverSocket;

    public SmtpServer(SmtpSettings settings, MessageAcceptor acceptor, ThreadFactory threads) {
        this.settings = settings;
        this.acceptor = acceptor;
        this.threads = threads;
        this.limiter = new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerClient());
    }

    /** Binds and starts accepting; returns once the socket is bound, so {@link #port()} is known. */
    public synchronized void start(InetSocketAddress bindAddress) throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(bindAddress, BACKLOG);
        Thread acceptLoop = threads.newThread(() -> acceptLoop(socket));
        if (acceptLoop == null) {
            socket.close();
            throw new IOException("thread factory refused to create the accept thread");
        }
        serverSocket = socket;
        acceptLoop.start();
        LOG.info(() -> "SMTP listening on " + socket.getLocalSocketAddress() + " as " + settings.hostname() + ", "
                + settings.relayPolicy());
    }

    /** The bound port, useful when started on port 0. */
    public int port() {
        ServerSocket socket = serverSocket;
        if (socket == null) {
            throw new IllegalStateException("not started");
        }
        return socket.getLocalPort();
    }

    /** Stops accepting and closes every open connection; their sessions end with an I/O error. */
    @Override
    public void close() {
        ServerSocket socket = serverSocket;
        if (socket != null) {
            closeQuietly(socket);
        }
        openSockets.forEach(SmtpServer::closeQuietly);
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                dispatch(socket.accept());
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
            }
        }
    }

    private void dispatch(Socket connection) {
        InetAddress client = connection.getInetAddress();
        if (!limiter.tryAcquire(client)) {
            LOG.warning(() -> "connection limit reached, refusing " + client.getHostAddress());
            refuse(connection);
            return;
        }
        openSockets.add(connection);
        Thread thread = threads.newThread(() -> serve(connection, client));
        if (thread == null) {
            LOG.warning("thread factory refused a session thread");
            openSockets.remove(connection);
            limiter.release(client);
            refuse(connection);
            return;
        }
        thread.start();
    }

    private void serve(Socket connection, InetAddress client) {
        try (connection) {
            new SmtpSession(settings, acceptor, new SmtpTransport(connection)).run();
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
