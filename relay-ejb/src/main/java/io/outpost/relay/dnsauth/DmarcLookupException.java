package io.outpost.relay.dnsauth;

/** The DMARC record of a domain could not be determined: DNS failed, or what is published is unusable. */
public final class DmarcLookupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean temporary;

    public DmarcLookupException(String message, boolean temporary) {
        super(message);
        this.temporary = temporary;
    }

    /** True for a DNS failure that may pass; false for a published record the operator has to fix. */
    public boolean temporary() {
        return temporary;
    }
}
