package io.outpost.relay.dnsauth;

/** The seven results of an SPF check (RFC 7208 §2.6). */
public enum SpfVerdict {
    /** No SPF record, or no usable domain to check (§2.6.1). */
    NONE,
    /** The domain owner makes no assertion about this address (§2.6.2). */
    NEUTRAL,
    /** The address is authorised to send for the domain (§2.6.3). */
    PASS,
    /** The address is explicitly not authorised (§2.6.4). */
    FAIL,
    /** The address is probably not authorised (§2.6.5). */
    SOFTFAIL,
    /** A transient DNS error; a later check may succeed (§2.6.6). */
    TEMPERROR,
    /** The published records are broken and need an operator to fix them (§2.6.7). */
    PERMERROR
}
