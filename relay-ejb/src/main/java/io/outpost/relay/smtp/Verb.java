package io.outpost.relay.smtp;

import java.util.Locale;
import java.util.Optional;

/** The command verbs the session knows (RFC 5321 §4.1.1, RFC 3030 BDAT, RFC 3207 STARTTLS, RFC 4954 AUTH). */
enum Verb {
    EHLO(true),
    HELO(true),
    MAIL(true),
    RCPT(true),
    DATA(false),
    BDAT(true),
    RSET(false),
    NOOP(true),
    QUIT(false),
    HELP(true),
    VRFY(true),
    EXPN(true),
    STARTTLS(false),
    AUTH(true);

    private final boolean takesArgument;

    Verb(boolean takesArgument) {
        this.takesArgument = takesArgument;
    }

    boolean takesArgument() {
        return takesArgument;
    }

    /** RFC 5321 §2.4: verbs are case-insensitive. */
    static Optional<Verb> lookup(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        for (Verb verb : values()) {
            if (verb.name().equals(upper)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }
}
