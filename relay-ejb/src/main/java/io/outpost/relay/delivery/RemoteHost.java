package io.outpost.relay.delivery;

import java.net.InetAddress;

/** One address and port of a mail host: where a connection goes, and what pooled connections are keyed by. */
public record RemoteHost(String hostname, InetAddress address, int port) {

    /** {@code mx.example.test[192.0.2.1]:25}, the form Postfix logs and bounces use. */
    @Override
    public String toString() {
        return hostname + "[" + address.getHostAddress() + "]:" + port;
    }
}
