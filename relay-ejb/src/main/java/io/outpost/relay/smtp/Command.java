package io.outpost.relay.smtp;

/** One command line split into its verb and the rest of the line (RFC 5321 §4.1.1: verb, then SP and arguments). */
record Command(Verb verb, String argument) {

    static Command parse(String line) throws SmtpRejection {
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        Verb verb = Verb.lookup(word).orElseThrow(() -> new SmtpRejection(Replies.UNKNOWN_COMMAND));
        if (!verb.takesArgument() && !argument.isEmpty()) {
            throw new SmtpRejection(Replies.SYNTAX_ERROR);
        }
        return new Command(verb, argument);
    }
}
