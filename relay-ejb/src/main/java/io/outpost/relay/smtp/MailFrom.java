package io.outpost.relay.smtp;

import io.outpost.api.mail.ReversePath;
import java.util.OptionalLong;

/** A parsed MAIL command: the reverse path and the ESMTP parameters Outpost supports. */
record MailFrom(ReversePath sender, OptionalLong declaredSize, boolean eightBitMime, boolean smtpUtf8) {}
