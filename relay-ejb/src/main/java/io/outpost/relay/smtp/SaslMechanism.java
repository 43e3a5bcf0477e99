package io.outpost.relay.smtp;

import java.util.Locale;
import java.util.Optional;

/** The SASL mechanisms AUTH offers (RFC 4954 §4), both sending the password itself and so only ever over TLS. */
enum SaslMechanism {
    /** RFC 4616. */
    PLAIN,
    /** The widespread, never standardised LOGIN mechanism (draft-murchison-sasl-login). */
    LOGIN;

    /** The EHLO keyword line, in order of preference (RFC 4954 §3). */
    static final String EHLO_KEYWORD = "AUTH PLAIN LOGIN";

    // RFC 4954 §4: mechanism names are case-insensitive.
    static Optional<SaslMechanism> lookup(String name) {
        for (SaslMechanism mechanism : values()) {
            if (mechanism.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(mechanism);
            }
        }
        return Optional.empty();
    }
}
