package io.outpost.relay.dnsauth;

/** A published SPF record, or a macro in it, does not follow RFC 7208's grammar: the check ends in permerror. */
public final class SpfSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public SpfSyntaxException(String message) {
        super(message);
    }
}
