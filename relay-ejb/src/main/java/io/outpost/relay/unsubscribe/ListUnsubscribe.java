package io.outpost.relay.unsubscribe;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderFields;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.tracking.LinkBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The one-click unsubscribe fields every bulk message leaves with (RFC 2369 §3.2, RFC 8058 §3.1): {@code
 * List-Unsubscribe} with an HTTPS URL whose signed token names the recipient, and {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click}. They go in before the message is signed: RFC 8058 §4 asks that the DKIM signature cover
 * both, and Outpost's signature over-signs them, so a copy added later would break it. They name one recipient, so a
 * bulk message to several recipients gets them in each recipient's copy, signed as it is sent.
 *
 * <p>A sender may put in its own: Outpost keeps them when both fields are there, and refuses a bulk message with only
 * one of them, since receivers would then offer no one-click unsubscribe. Thread-safe.
 */
public final class ListUnsubscribe {

    static final String FIELD = "List-Unsubscribe";
    static final String POST_FIELD = "List-Unsubscribe-Post";

    // RFC 8058 §3.1: the only value the POST field may have.
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    /** Where the one-click URL points, under {@link LinkBase#of}. */
    public static final String PATH = "/u/";

    private final UnsubscribeToken tokens;
    private final LinkBase links;
    private final ReturnPathToken mailTokens;

    /** @param mailTokens signs the {@code mailto:} address on the return-path domain, as the return paths are signed */
    public ListUnsubscribe(UnsubscribeToken tokens, LinkBase links, ReturnPathToken mailTokens) {
        this.tokens = tokens;
        this.links = links;
        this.mailTokens = mailTokens;
    }

    /** True if the message carries its sender's own unsubscribe fields, which Outpost then leaves as they are. */
    public static boolean present(byte[] headerSection) {
        return HeaderFields.contains(headerSection, FIELD);
    }

    /**
     * The refusal of a bulk message whose sender put in only one of the two fields, or a POST field that asks for
     * anything but one click; empty when the fields are both absent or both right.
     */
    public static Optional<SmtpReply> incomplete(byte[] headerSection) {
        boolean link = HeaderFields.contains(headerSection, FIELD);
        List<String> post = HeaderFields.values(headerSection, POST_FIELD);
        if (!link && post.isEmpty()) {
            return Optional.empty();
        }
        if (link && post.size() == 1 && post.get(0).strip().equals(ONE_CLICK)) {
            return Optional.empty();
        }
        // RFC 3463 X.7.1: refused by policy. Bulk mail without one-click unsubscribe is refused by Gmail and Yahoo.
        String problem = !link
                ? "List-Unsubscribe-Post without List-Unsubscribe"
                : post.isEmpty()
                        ? "List-Unsubscribe without List-Unsubscribe-Post"
                        : "List-Unsubscribe-Post other than a single \"" + ONE_CLICK + "\"";
        return Optional.of(SmtpReply.of(
                550,
                "5.7.1",
                "Bulk mail needs one-click unsubscribe (RFC 8058): " + problem
                        + "; send both fields, or neither and Outpost adds its own"));
    }

    /**
     * The content with the fields for {@code recipient} in front: the HTTPS link first (RFC 8058 §3.1), then, when the
     * message has a return-path domain, a {@code mailto:} there, which the return-path intake reads as an unsubscribe.
     *
     * @param topic the topic of the tenant's bulk mail the message names, which its one click leaves
     * @param headerSection the content's header section, whose From domain may have a tracking host of its own
     * @param returnPath the message's return-path domain, if it has one
     */
    public MessageContent withFields(
            MessageContent content,
            long messageId,
            TenantId tenant,
            EmailAddress recipient,
            Optional<Topic> topic,
            byte[] headerSection,
            Optional<Domain> returnPath) {
        String url = links.of(headerSection) + PATH + tokens.of(messageId, tenant, recipient, topic);
        String mailto = returnPath
                .map(domain -> ", <mailto:" + mailTokens.unsubscribeLocalPart(messageId, recipient) + "@"
                        + domain.ascii() + "?subject=unsubscribe>")
                .orElse("");
        // Not folded: RFC 2369 §2 lets clients drop whitespace inside a URL, but not all do; the line stays well
        // under RFC 5322 §2.1.1's 998 octets (a token is at most some 460 characters).
        String fields = FIELD + ": <" + url + ">" + mailto + "\r\n" + POST_FIELD + ": " + ONE_CLICK + "\r\n";
        return content.withFieldsInFront(fields.getBytes(StandardCharsets.US_ASCII));
    }
}
