package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backstop that closes connections whose session cannot: real sockets, no timing assertions. */
class ConnectionWatchdogTest {

    @Test
    void closesTheSocketWhenItsTimeIsUp() throws Exception {
        try (ConnectionWatchdog watchdog = new ConnectionWatchdog(ServerTestCase.DAEMON_THREADS);
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            client.setSoTimeout(30_000);
            watchdog.closeAfter(server, Duration.ofMillis(50));
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            assertThat(server.isClosed()).isTrue();
        }
    }

    @Test
    void leavesTheSocketOpenOnceTheGuardIsClosed() throws Exception {
        try (ConnectionWatchdog watchdog = new ConnectionWatchdog(ServerTestCase.DAEMON_THREADS);
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            watchdog.closeAfter(server, Duration.ofMillis(50)).close();
            // A later closing on the same timer has run once this one does, so the cancelled one had its chance.
            Socket other = new Socket();
            watchdog.closeAfter(other, Duration.ofMillis(100));
            while (!other.isClosed()) {
                Thread.sleep(10);
            }
            assertThat(server.isClosed()).isFalse();
        }
    }

    @Test
    void closesAtOnceWhenTheListenerIsStopping() throws Exception {
        ConnectionWatchdog watchdog = new ConnectionWatchdog(ServerTestCase.DAEMON_THREADS);
        watchdog.close();
        try (Socket socket = new Socket()) {
            watchdog.closeAfter(socket, Duration.ofMinutes(30)).close();
            assertThat(socket.isClosed()).isTrue();
        }
    }
}
