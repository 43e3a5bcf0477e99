package io.outpost.relay.sending;

/** The outcome of looking up one record a sending domain should publish. */
public enum CheckStatus {
    /** Published as expected. */
    FOUND,
    /** Nothing there (NXDOMAIN, no record of the type, or no record of this kind among others). */
    MISSING,
    /** A record is there but does not say what it should; the check's {@code found} shows it. */
    WRONG,
    /** DNS did not answer (SERVFAIL, timeout): the record's status is unknown until the next check. */
    UNKNOWN
}
