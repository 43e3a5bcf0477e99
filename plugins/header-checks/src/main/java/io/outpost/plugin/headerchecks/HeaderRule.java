package io.outpost.plugin.headerchecks;

import io.outpost.api.mail.SmtpReply;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One line of the rules file: a header field name, a regular expression its value must contain a match of, and the
 * reply for a message with such a field.
 *
 * @param line the line of the file it was read from, for the reason the story records
 */
record HeaderRule(String fieldName, Pattern pattern, SmtpReply reply, int line) {

    boolean matches(String name, String value) {
        // Text that checks for an interrupt: a rule that backtracks badly is stopped when the relay's time limit ends.
        return name.toLowerCase(Locale.ROOT).equals(fieldName)
                && pattern.matcher(new InterruptibleText(value.strip())).find();
    }

    @Override
    public String toString() {
        return "line " + line + " (" + fieldName + " /" + pattern.pattern() + "/)";
    }

    /** A character sequence whose every read checks whether the thread was interrupted. */
    private record InterruptibleText(CharSequence text) implements CharSequence {

        @Override
        public char charAt(int index) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("header check interrupted: the relay's time limit ran out");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new InterruptibleText(text.subSequence(start, end));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
