package io.outpost.relay.checks;

/**
 * One check of a message before it goes to an audience. Implementations are CDI beans, found by {@link PreSendChecks};
 * they may be called from several threads at once and must not throw: a check that cannot decide (DNS or spamd did not
 * answer) says {@link CheckVerdict#WARN} and why.
 */
public interface PreSendCheck {

    /** Where this check's result is listed: lower first. */
    int order();

    CheckResult check(CheckedMessage message);
}
