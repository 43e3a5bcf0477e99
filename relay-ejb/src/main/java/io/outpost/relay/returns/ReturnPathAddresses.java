package io.outpost.relay.returns;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.sending.ReturnPathToken;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Which recipients are return paths Outpost receives mail for: {@code b-<message>-<recipient>-<mac>@<return-path
 * domain>} (bounces and complaints) and {@code u-<message>-<mac>@<return-path domain>} (the {@code mailto:}
 * unsubscribe), with a MAC this relay made, of a message still in the queue and sent with that return-path domain. An
 * address of either shape that does not verify is refused at RCPT as unknown, so nobody can make the relay record
 * bounces or complaints that no message caused; any other address is left to relay control (refused as a relay
 * attempt unless its domain is local). Only a well-signed token costs a database read. Thread-safe.
 */
public final class ReturnPathAddresses {

    /** No queued message: no address is known. For tests and tools. */
    public static final ReturnPathAddresses NONE =
            new ReturnPathAddresses(new ReturnPathToken(new byte[32]), id -> Optional.empty(), id -> List.of());

    private final ReturnPathToken tokens;
    private final LongFunction<Optional<Domain>> sentWith;
    private final LongFunction<List<EmailAddress>> recipientsOf;

    /**
     * @param sentWith the return-path domain a queued message was sent with, empty when it is not in the queue
     * @param recipientsOf a queued message's recipients, to find whose unsubscribe address one is
     */
    public ReturnPathAddresses(
            ReturnPathToken tokens,
            LongFunction<Optional<Domain>> sentWith,
            LongFunction<List<EmailAddress>> recipientsOf) {
        this.tokens = tokens;
        this.sentWith = sentWith;
        this.recipientsOf = recipientsOf;
    }

    /** What {@code recipient} is; asks the database only for an address shaped as one of Outpost's. */
    public ReturnPathMatch match(EmailAddress recipient) {
        String local = recipient.localPart();
        Optional<ReturnPathToken.Ids> ids = tokens.parse(local);
        if (ids.isPresent()) {
            return sentWithDomainOf(ids.get().messageId(), recipient)
                    ? new ReturnPathMatch.Known(ids.get())
                    : new ReturnPathMatch.Unknown();
        }
        OptionalLong unsubscribe = tokens.unsubscribeMessageId(local);
        if (unsubscribe.isPresent()) {
            long messageId = unsubscribe.getAsLong();
            if (!sentWithDomainOf(messageId, recipient)) {
                return new ReturnPathMatch.Unknown();
            }
            return recipientsOf.apply(messageId).stream()
                    .filter(candidate -> tokens.unsubscribeNames(local, messageId, candidate))
                    .findFirst()
                    .<ReturnPathMatch>map(whose -> new ReturnPathMatch.Unsubscribe(messageId, whose))
                    .orElseGet(ReturnPathMatch.Unknown::new);
        }
        return tokens.isShaped(local) ? new ReturnPathMatch.Unknown() : new ReturnPathMatch.None();
    }

    /**
     * True if mail to {@code recipient} is read rather than delivered: shaped as a return path or an unsubscribe
     * address. No database asked; relay control let only verified ones through.
     */
    public boolean isReadHere(EmailAddress recipient) {
        String local = recipient.localPart();
        return tokens.parse(local).isPresent()
                || tokens.unsubscribeMessageId(local).isPresent();
    }

    private boolean sentWithDomainOf(long messageId, EmailAddress recipient) {
        return sentWith.apply(messageId)
                .filter(domain ->
                        domain.ascii().equalsIgnoreCase(recipient.domain().ascii()))
                .isPresent();
    }

    /** The ids in a return path's local part, if this relay signed it; no database asked. */
    public Optional<ReturnPathToken.Ids> ids(EmailAddress recipient) {
        return tokens.parse(recipient.localPart());
    }
}
