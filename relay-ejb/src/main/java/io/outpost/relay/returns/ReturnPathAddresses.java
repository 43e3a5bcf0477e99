package io.outpost.relay.returns;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.sending.ReturnPathToken;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Which recipients are return paths Outpost receives mail for: {@code b-<message>-<recipient>-<mac>@<return-path
 * domain>} with a MAC this relay made, of a message still in the queue and sent with that return-path domain. Any other
 * address at a return-path domain is refused at RCPT, so nobody can make the relay record bounces or complaints that
 * no message caused. Thread-safe.
 */
public final class ReturnPathAddresses {

    /** No return-path domain, no queued message: every address is {@link ReturnPathMatch.None}. For tests and tools. */
    public static final ReturnPathAddresses NONE =
            new ReturnPathAddresses(new ReturnPathToken(new byte[32]), domain -> false, id -> Optional.empty());

    private final ReturnPathToken tokens;
    private final Predicate<Domain> returnPathDomains;
    private final LongFunction<Optional<Domain>> sentWith;

    /**
     * @param returnPathDomains whether a domain is some sending domain's return-path domain
     * @param sentWith the return-path domain a queued message was sent with, empty when it is not in the queue
     */
    public ReturnPathAddresses(
            ReturnPathToken tokens, Predicate<Domain> returnPathDomains, LongFunction<Optional<Domain>> sentWith) {
        this.tokens = tokens;
        this.returnPathDomains = returnPathDomains;
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
        return returnPathDomains.test(recipient.domain()) ? new ReturnPathMatch.Unknown() : new ReturnPathMatch.None();
    }

    /** The ids in a return path's local part, if this relay signed it; no database asked. */
    public Optional<ReturnPathToken.Ids> ids(EmailAddress recipient) {
        return tokens.parse(recipient.localPart());
    }
}
