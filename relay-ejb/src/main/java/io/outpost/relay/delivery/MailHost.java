package io.outpost.relay.delivery;

import java.net.InetAddress;
import java.util.List;

/** A host that accepts mail for a domain, with the addresses to try in order. */
public record MailHost(String hostname, List<InetAddress> addresses) {

    public MailHost {
        if (hostname == null || hostname.isEmpty()) {
            throw new IllegalArgumentException("mail host needs a name");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("mail host " + hostname + " needs at least one address");
        }
        addresses = List.copyOf(addresses);
    }
}
