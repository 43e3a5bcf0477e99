package io.outpost.relay.checks;

/** How one pre-send check came out. */
public enum CheckVerdict {
    /** Nothing to change. */
    PASS,
    /** Worth changing; sending is not blocked. */
    WARN,
    /** Blocks sending to an audience unless a user overrides it with a reason. */
    FAIL
}
