package io.outpost.relay.smtp;

import io.outpost.api.mail.SmtpReply;

/** An expected refusal of a command or message: carries the reply the session sends instead of a positive one. */
final class SmtpRejection extends Exception {

    private final transient SmtpReply reply;

    SmtpRejection(SmtpReply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    SmtpReply reply() {
        return reply;
    }
}
