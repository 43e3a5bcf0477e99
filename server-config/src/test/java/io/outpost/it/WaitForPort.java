package io.outpost.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Waits until a TCP port on 127.0.0.1 accepts connections: the build's way to know a database it started is up. */
public final class WaitForPort {

    private WaitForPort() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after " + args[1] + " s");
    }
}
