package io.outpost.relay.delivery;

import io.outpost.api.mail.EmailAddress;
import java.util.List;
import java.util.Optional;

/** The outcome of one delivery attempt for each recipient of a message at one destination domain. */
public record DeliveryResult(List<RecipientOutcome> outcomes) {

    public DeliveryResult {
        outcomes = List.copyOf(outcomes);
    }

    public List<RecipientOutcome> delivered() {
        return ofKind(RecipientOutcome.Kind.DELIVERED);
    }

    public List<RecipientOutcome> deferred() {
        return ofKind(RecipientOutcome.Kind.DEFERRED);
    }

    public List<RecipientOutcome> bounced() {
        return ofKind(RecipientOutcome.Kind.BOUNCED);
    }

    public Optional<RecipientOutcome> outcomeFor(EmailAddress recipient) {
        return outcomes.stream().filter(o -> o.recipient().equals(recipient)).findFirst();
    }

    private List<RecipientOutcome> ofKind(RecipientOutcome.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).toList();
    }
}
