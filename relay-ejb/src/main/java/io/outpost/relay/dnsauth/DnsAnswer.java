package io.outpost.relay.dnsauth;

import java.util.List;

/** The outcome of one DNS query: records, an authoritative "nothing here", or a failure to get an answer. */
public sealed interface DnsAnswer<T> {

    /** At least one record of the asked type. */
    record Records<T>(List<T> values) implements DnsAnswer<T> {
        public Records {
            values = List.copyOf(values);
        }
    }

    /** NXDOMAIN or NODATA: a "void lookup" in the sense of RFC 7208 §4.6.4. */
    record Empty<T>() implements DnsAnswer<T> {}

    /** SERVFAIL, a timeout or a broken answer: nothing can be concluded (RFC 7208 §2.6.6 temperror). */
    record Failure<T>(String reason) implements DnsAnswer<T> {}

    /** The records, or an empty list for {@link Empty}; callers check {@link Failure} first. */
    default List<T> values() {
        return this instanceof Records<T> records ? records.values() : List.of();
    }
}
