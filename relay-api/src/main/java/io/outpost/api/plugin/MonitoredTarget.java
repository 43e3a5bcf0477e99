package io.outpost.api.plugin;

import io.outpost.api.mail.Domain;
import java.net.InetAddress;
import java.util.Objects;

/** What a {@link BlocklistMonitor} looks up: one of the relay's sending IP addresses or one of its sending domains. */
public sealed interface MonitoredTarget {

    /** A sending IP address, looked up in IP blocklists (DNSBL, RFC 5782 §2.1). */
    record SendingIp(InetAddress address) implements MonitoredTarget {
        public SendingIp {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /** A sending domain (envelope sender or DKIM domain), looked up in domain blocklists (RFC 5782 §2.2). */
    record SendingDomain(Domain domain) implements MonitoredTarget {
        public SendingDomain {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String toString() {
            return domain.name();
        }
    }
}
