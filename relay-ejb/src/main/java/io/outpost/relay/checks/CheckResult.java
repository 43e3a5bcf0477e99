package io.outpost.relay.checks;

import java.util.Objects;

/**
 * One check's outcome, in words a sender acts on.
 *
 * @param id stable name of the check, such as {@code size}, for the API and the UI
 * @param title what was checked, such as "Size and Gmail clipping"
 * @param verdict how it came out
 * @param why what was found, with the figures
 * @param fix how to make it pass; empty when it passed
 */
public record CheckResult(String id, String title, CheckVerdict verdict, String why, String fix) {

    public CheckResult {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(verdict);
        Objects.requireNonNull(why);
        Objects.requireNonNull(fix);
    }

    static CheckResult pass(String id, String title, String why) {
        return new CheckResult(id, title, CheckVerdict.PASS, why, "");
    }
}
