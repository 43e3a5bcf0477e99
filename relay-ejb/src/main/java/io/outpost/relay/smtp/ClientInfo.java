package io.outpost.relay.smtp;

import io.outpost.api.plugin.ClientConnection;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The connected client: its IP address, the name it gave in EHLO/HELO (RFC 5321 §4.1.1.1), and the TLS protocol and
 * cipher suite of its connection (empty for a plain one).
 */
public record ClientInfo(InetAddress address, String heloName, Optional<ClientConnection.Tls> tls) {}
