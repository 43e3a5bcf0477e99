package io.outpost.relay.delivery;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.queue.MessageForDelivery;
import io.outpost.relay.queue.NewMessage;
import io.outpost.relay.sending.OutboundAuthentication.Ready;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DSN to a message's sender about its failed recipients (RFC 3464), signed when it can be, as a message to queue:
 * never to the null sender, so a bounce can never bounce (RFC 5321 §4.5.5).
 */
final class DsnNotices {

    private final DsnBuilder dsn;
    private final Function<byte[], Ready> signing;

    DsnNotices(DsnBuilder dsn, Function<byte[], Ready> signing) {
        this.dsn = dsn;
        this.signing = signing;
    }

    Optional<NewMessage> about(MessageForDelivery message, List<FailedRecipient> failures) {
        ReversePath sender = message.sender();
        if (failures.isEmpty() || sender.isNull()) {
            return Optional.empty();
        }
        EmailAddress to = sender.mailbox().orElseThrow();
        byte[] report = dsn.build(
                sender, message.receivedAt(), failures, message.content().head(MessageContent.MAX_HEADER_OCTETS));
        Ready signed = signing.apply(report);
        // RFC 5321 §4.5.5: a DSN keeps the null reverse path, so no VERP return path.
        return Optional.of(new NewMessage(
                ReversePath.NULL,
                List.of(to),
                signed.content(),
                null,
                to.needsUtf8(),
                Optional.empty(),
                signed.note(),
                // The sender's tenant reads its DSNs as it reads the message they are about.
                message.tenant()));
    }
}
