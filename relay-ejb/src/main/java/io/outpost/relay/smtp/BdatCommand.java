package io.outpost.relay.smtp;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code BDAT <size> [LAST]} argument (RFC 3030 §2). */
record BdatCommand(long size, boolean last) {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,18})(?: +(LAST))?");

    static BdatCommand parse(String argument) throws SmtpRejection {
        Matcher m = SYNTAX.matcher(argument.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new SmtpRejection(Replies.SYNTAX_ERROR);
        }
        return new BdatCommand(Long.parseLong(m.group(1)), m.group(2) != null);
    }
}
