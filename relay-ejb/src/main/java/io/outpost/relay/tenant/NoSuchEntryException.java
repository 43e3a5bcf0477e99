package io.outpost.relay.tenant;

import jakarta.ejb.ApplicationException;

/** The tenant, credential or key named does not exist: an expected outcome of an admin request (HTTP 404). */
// Raised before the store writes anything, so there is nothing to roll back (and rolling back a read-only call
// only adds noise to Liberty's FFDC logs).
@ApplicationException(rollback = false)
public class NoSuchEntryException extends Exception {

    private static final long serialVersionUID = 1L;

    public NoSuchEntryException(String message) {
        super(message);
    }
}
