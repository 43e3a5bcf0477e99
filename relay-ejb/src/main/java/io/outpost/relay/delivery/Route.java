package io.outpost.relay.delivery;

import io.outpost.api.mail.SmtpReply;
import java.util.List;

/** Where mail for a domain goes: the hosts to try, or why there are none now (temporary) or ever (permanent). */
public sealed interface Route {

    /** The hosts to try, most preferred first (RFC 5321 §5.1). Never empty. */
    record Hosts(List<MailHost> hosts) implements Route {
        public Hosts {
            if (hosts == null || hosts.isEmpty()) {
                throw new IllegalArgumentException("a route needs at least one host");
            }
            hosts = List.copyOf(hosts);
        }
    }

    /** The domain cannot receive mail: bounce every recipient with {@link #reply()}. */
    record Permanent(SmtpReply reply) implements Route {
        public Permanent {
            if (!reply.isPermanentFailure()) {
                throw new IllegalArgumentException("a permanent route failure needs a 5xx reply: " + reply);
            }
        }

        /** The reason as one line, for logs and the queue's last error. */
        public String reason() {
            return reply.toString();
        }
    }

    /** The hosts cannot be found now (DNS failure): defer every recipient with {@link #reply()}. */
    record Temporary(SmtpReply reply) implements Route {
        public Temporary {
            if (!reply.isTransientFailure()) {
                throw new IllegalArgumentException("a temporary route failure needs a 4xx reply: " + reply);
            }
        }

        /** The reason as one line, for logs and the queue's last error. */
        public String reason() {
            return reply.toString();
        }
    }
}
