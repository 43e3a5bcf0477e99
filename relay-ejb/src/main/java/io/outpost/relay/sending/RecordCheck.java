package io.outpost.relay.sending;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking one {@link PublishedRecord} in DNS.
 *
 * @param name the DNS name looked up
 * @param expected what should be there, in words or as the record value
 * @param found what DNS returned, if anything (all TXT strings of the relevant record joined, or the MX hosts)
 * @param detail why the status is what it is, for the owner to act on (e.g. "SPF permerror: more than 10 DNS lookups")
 */
public record RecordCheck(
        RecordKind kind, String name, CheckStatus status, String expected, Optional<String> found, String detail) {

    public RecordCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(detail, "detail");
    }
}
