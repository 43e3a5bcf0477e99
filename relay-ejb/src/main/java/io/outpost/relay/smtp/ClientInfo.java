package io.outpost.relay.smtp;

import java.net.InetAddress;

/** The connected client: its IP address and the name it gave in EHLO/HELO (RFC 5321 §4.1.1.1). */
public record ClientInfo(InetAddress address, String heloName) {}
