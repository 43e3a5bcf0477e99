package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.HeaderFrom;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.OutboundAuthentication.Ready;
import io.outpost.relay.sending.OutboundAuthentication.Refused;
import io.outpost.relay.sending.SigningProfile;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs the DSNs Outpost writes (From: {@code MAILER-DAEMON@<hostname>}) when the operator made the host name's domain
 * a sending domain with a verified DKIM record. A DSN is never held back: without such a key, or if signing fails, it
 * goes out unsigned, and its stored note says why.
 */
final class NotificationSigning implements Function<byte[], Ready> {

    private static final Logger LOG = Logger.getLogger(NotificationSigning.class.getName());

    private final OutboundAuthentication authentication;

    NotificationSigning(Function<Domain, Optional<SigningProfile>> profiles) {
        // Alignment is reported, never a reason to hold a DSN back.
        this.authentication = new OutboundAuthentication(profiles, new DkimSigner(), new MinimalPublicSuffixes());
    }

    @Override
    public Ready apply(byte[] dsn) {
        try {
            MessageContent content = MessageContent.of(dsn);
            byte[] headerSection = content.headerSection();
            // Only verified keys sign: a signature no receiver can verify would be worth nothing.
            Optional<Refused> unready = authentication.unreadyDkim(Optional.empty(), HeaderFrom.domains(headerSection));
            if (unready.isPresent()) {
                return new Ready(
                        content,
                        Optional.empty(),
                        "DSN not signed: " + unready.get().note());
            }
            OutboundAuthentication.Outcome outcome =
                    authentication.prepare(Optional.empty(), ReversePath.NULL, content, headerSection);
            if (outcome instanceof Ready ready) {
                return new Ready(ready.content(), Optional.empty(), "DSN " + ready.note());
            }
            return new Ready(MessageContent.of(dsn), Optional.empty(), "DSN not signed: " + ((Refused) outcome).note());
        } catch (MessageContent.HeaderSectionTooLarge | RuntimeException e) {
            LOG.log(Level.WARNING, "a DSN could not be signed; it goes out unsigned", e);
            return new Ready(MessageContent.of(dsn), Optional.empty(), "DSN not signed: signing failed");
        }
    }
}
