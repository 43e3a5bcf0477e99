package io.outpost.relay.tenant;

import jakarta.ejb.ApplicationException;

/** The tenant id or user name is taken already: an expected outcome of an admin request (HTTP 409). */
// Raised before the store writes anything, so there is nothing to roll back (and rolling back a read-only call
// only adds noise to Liberty's FFDC logs).
@ApplicationException(rollback = false)
public class ConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field whose value is taken. */
    public String field() {
        return field;
    }
}
