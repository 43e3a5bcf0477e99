package io.outpost.relay.dnsauth;

import java.util.List;

/** A DMARC record that does not follow RFC 7489 §6.3/§6.4, with every reason found, for the operator to fix. */
public final class DmarcSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    public DmarcSyntaxException(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** What is wrong, one entry per problem, in the order of the record. */
    public List<String> reasons() {
        return reasons;
    }
}
