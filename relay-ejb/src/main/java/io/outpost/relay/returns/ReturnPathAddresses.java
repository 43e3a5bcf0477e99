package io.outpost.relay.returns;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.sending.ReturnPathToken;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Which recipients are return paths Outpost receives mail for: {@code b-<message>-<recipient>-<mac>@<return-path
 * domain>} with a MAC this relay made, of a message still in the queue and sent with that return-path domain. An
 * address of that shape that does not verify is refused at RCPT as unknown, so nobody can make the relay record
 * bounces or complaints that no message caused; any other address is left to relay control (refused as a relay
 * attempt unless its domain is local). Only a well-signed token costs a database read. Thread-safe.
 */
public final class ReturnPathAddresses {

    /** No queued message: no address is known. For tests and tools. */
    public static final ReturnPathAddresses NONE =
            new ReturnPathAddresses(new ReturnPathToken(new byte[32]), id -> Optional.empty());

    private final ReturnPathToken tokens;
    private final LongFunction<Optional<Domain>> sentWith;

    /** @param sentWith the return-path domain a queued message was sent with, empty when it is not in the queue */
    public ReturnPathAddresses(ReturnPathToken tokens, LongFunction<Optional<Domain>> sentWith) {
        this.tokens = tokens;
        this.sentWith = sentWith;
    }

    /** What {@code recipient} is; asks the database only for a well-signed token. */
    public ReturnPathMatch match(EmailAddress recipient) {
        Optional<ReturnPathToken.Ids> ids = tokens.parse(recipient.localPart());
        if (ids.isPresent()) {
            boolean sent = sentWith.apply(ids.get().messageId())
                    .filter(domain ->
                            domain.ascii().equalsIgnoreCase(recipient.domain().ascii()))
                    .isPresent();
            return sent ? new ReturnPathMatch.Known(ids.get()) : new ReturnPathMatch.Unknown();
        }
        return tokens.isShaped(recipient.localPart()) ? new ReturnPathMatch.Unknown() : new ReturnPathMatch.None();
    }

    /** The ids in a return path's local part, if this relay signed it; no database asked. */
    public Optional<ReturnPathToken.Ids> ids(EmailAddress recipient) {
        return tokens.parse(recipient.localPart());
    }
}
