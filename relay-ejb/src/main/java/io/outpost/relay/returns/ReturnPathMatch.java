package io.outpost.relay.returns;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.sending.ReturnPathToken;

/** What a recipient address is to the return-path intake. */
public sealed interface ReturnPathMatch {

    /** Not a return path: relay control decides as for any address. */
    record None() implements ReturnPathMatch {}

    /** The return path of a recipient of a message still in the queue: mail to it is received and read. */
    record Known(ReturnPathToken.Ids ids) implements ReturnPathMatch {}

    /** The {@code mailto:} unsubscribe address of {@code recipient} of a message still in the queue. */
    record Unsubscribe(long messageId, EmailAddress recipient) implements ReturnPathMatch {}

    /** Shaped as a return path, but none of a queued message: tampered, made up, or long purged. */
    record Unknown() implements ReturnPathMatch {}
}
