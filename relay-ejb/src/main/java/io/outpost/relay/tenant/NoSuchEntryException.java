package io.outpost.relay.tenant;

import jakarta.ejb.ApplicationException;

/** The tenant, credential or key named does not exist: an expected outcome of an admin request (HTTP 404). */
@ApplicationException(rollback = true)
public class NoSuchEntryException extends Exception {

    private static final long serialVersionUID = 1L;

    public NoSuchEntryException(String message) {
        super(message);
    }
}
