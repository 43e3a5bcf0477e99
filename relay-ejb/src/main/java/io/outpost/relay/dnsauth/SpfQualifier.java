package io.outpost.relay.dnsauth;

/** The prefix of an SPF directive and the verdict it gives when its mechanism matches (RFC 7208 §4.6.2). */
enum SpfQualifier {
    PASS('+', SpfVerdict.PASS),
    FAIL('-', SpfVerdict.FAIL),
    SOFTFAIL('~', SpfVerdict.SOFTFAIL),
    NEUTRAL('?', SpfVerdict.NEUTRAL);

    private final char symbol;
    private final SpfVerdict verdict;

    SpfQualifier(char symbol, SpfVerdict verdict) {
        this.symbol = symbol;
        this.verdict = verdict;
    }

    SpfVerdict verdict() {
        return verdict;
    }

    /** The qualifier written as {@code symbol}, or null if it is not one. */
    static SpfQualifier of(char symbol) {
        for (SpfQualifier qualifier : values()) {
            if (qualifier.symbol == symbol) {
                return qualifier;
            }
        }
        return null;
    }
}
