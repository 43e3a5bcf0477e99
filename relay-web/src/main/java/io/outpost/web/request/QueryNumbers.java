package io.outpost.web.request;

import io.outpost.web.problem.Problem.InvalidParam;
import java.util.List;

/** Whole numbers in a query string ({@code limit}, {@code after}), each that cannot be used named for one 400. */
public final class QueryNumbers {

    private QueryNumbers() {}

    /** {@code text} as a number of at least 1; {@code absent} when there is none; a wrong one is added to {@code invalid}. */
    public static long positive(String text, String name, long absent, List<InvalidParam> invalid) {
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        invalid.add(new InvalidParam(name, "must be a positive whole number"));
        return absent;
    }
}
