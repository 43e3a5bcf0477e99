package io.outpost.relay.checks;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.template.RenderedMessage;
import java.util.Optional;

/** Messages for the checks' tests, as a template renders them, From news@shop.test of tenant shop. */
final class CheckedMessages {

    private CheckedMessages() {}

    static CheckedMessage bulkHtml(String html) {
        return message(true, Optional.empty(), Optional.of(html));
    }

    static CheckedMessage transactionalHtml(String html) {
        return message(false, Optional.empty(), Optional.of(html));
    }

    static CheckedMessage bulkText(String text) {
        return message(true, Optional.of(text), Optional.empty());
    }

    private static CheckedMessage message(boolean bulk, Optional<String> text, Optional<String> html) {
        return new CheckedMessage(
                new TenantId("shop"),
                EmailAddress.parse("news@shop.test"),
                bulk,
                new RenderedMessage("News", text, html));
    }
}
