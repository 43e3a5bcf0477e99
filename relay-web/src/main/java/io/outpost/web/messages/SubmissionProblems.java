package io.outpost.web.messages;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.SmtpReply;
import io.outpost.relay.submission.HttpSubmissions;
import io.outpost.relay.submission.SubmissionResult;
import io.outpost.web.problem.Problem;
import io.outpost.web.problem.Problem.InvalidParam;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns intake's refusal of a message (an SMTP reply with its enhanced status, RFC 3463) into the problem an HTTP
 * client gets: a stable type to switch on, the reply's text as the detail, and the request field it concerns.
 */
public final class SubmissionProblems {

    /** The sending domain's DKIM record is not verified (yet), or the message would fail DMARC alignment. */
    static final String NOT_AUTHENTICATED = "urn:outpost:problem:sending-domain-not-authenticated";
    /** The sender is not one of the tenant's sending domains. */
    static final String SENDER_NOT_ALLOWED = "urn:outpost:problem:sender-not-allowed";
    /** The API key's sending limit (messages per hour, recipients per message) is reached. */
    static final String LIMIT = "urn:outpost:problem:sending-limit";
    /** The queue could not take the message now; nothing was stored. */
    static final String UNAVAILABLE = "urn:outpost:problem:try-again-later";
    /** The message cannot be signed or read as it is (RFC 3463 X.6.x, media error): sending it again will not help. */
    static final String MALFORMED = "urn:outpost:problem:message-malformed";
    /** A recipient was refused by a policy (on the operator's do-not-mail list, say); nothing was stored. */
    static final String RECIPIENT_REFUSED = "urn:outpost:problem:recipient-refused";
    /** A policy refused the message (an operator's plugin, say): its reply is the detail. */
    static final String REFUSED_BY_POLICY = "urn:outpost:problem:refused-by-policy";
    /** The message is larger than the relay accepts. */
    static final String TOO_LARGE = "urn:outpost:problem:message-too-large";

    private SubmissionProblems() {}

    /**
     * The problem for a refused message. The status comes from the reply alone (one mapping, the same for every
     * rule); the type and the field from the policy that refused it, where that says more.
     */
    static Problem of(SmtpReply reply, Optional<String> refusedBy) {
        String detail = String.join(" ", reply.lines());
        String status = reply.enhancedStatus().orElse("");
        if (status.endsWith(".7.26")) {
            // RFC 7372 §3.3: authentication would fail. 4.7.26 (not checked yet) is temporary: 503, ask again.
            int http = reply.isTransientFailure() ? 503 : 422;
            return new Problem(NOT_AUTHENTICATED, "Sending domain not authenticated", http, detail, from(detail));
        }
        if (refusedBy.filter(HttpSubmissions.SENDING_LIMITS::equals).isPresent() && reply.isTransientFailure()) {
            // RFC 6585 §4: too many requests; the recipients limit is also temporary (split the message).
            return new Problem(LIMIT, "Sending limit reached", 429, detail, List.of());
        }
        if (status.equals("5.7.1")) {
            return refusedBy.filter(HttpSubmissions.SENDER_BINDING::equals).isPresent()
                    ? new Problem(SENDER_NOT_ALLOWED, "Sender not allowed", 403, detail, from(detail))
                    : new Problem(REFUSED_BY_POLICY, "Refused by policy", 403, detail, List.of());
        }
        if (status.equals("5.3.4")) {
            // RFC 3463 X.3.4: too big for the system (the header section Outpost reads into memory is bounded).
            return new Problem(TOO_LARGE, "Message too large", 413, detail, List.of());
        }
        if (status.startsWith("5.6.")) {
            return new Problem(MALFORMED, "Message cannot be processed", 422, detail, List.of());
        }
        if (reply.isTransientFailure()) {
            return new Problem(UNAVAILABLE, "Try again later", 503, detail, List.of());
        }
        return new Problem(Problem.BLANK, "Message refused", 422, detail, List.of());
    }

    /**
     * The refusal of one recipient, with the policy's reply as the detail, as an SMTP client would read it at RCPT: 422
     * for a permanent refusal (do not send to this recipient again), 503 for a temporary one.
     */
    static Problem recipientRefused(EmailAddress recipient, SmtpReply reply) {
        String detail = String.join(" ", reply.lines());
        return new Problem(
                RECIPIENT_REFUSED,
                "Recipient refused",
                reply.isTransientFailure() ? 503 : 422,
                detail,
                List.of(new InvalidParam("recipients", recipient + ": " + reply)));
    }

    /**
     * RFC 9457 §3.2 extension members of a refusal: {@code refusedBy}, the policy that refused (as the message's story
     * names it), and {@code messageId}, the refused message's record, whose story tells of the refusal.
     */
    static Map<String, String> members(Optional<String> refusedBy, OptionalLong recordId) {
        Map<String, String> members = new LinkedHashMap<>();
        refusedBy.ifPresent(plugin -> members.put("refusedBy", plugin));
        recordId.ifPresent(id -> members.put("messageId", Long.toString(id)));
        return members;
    }

    /** The answer to a submission that queued nothing and replays nothing: why, as a problem. */
    public static Response response(SubmissionResult notQueued) {
        if (notQueued instanceof SubmissionResult.IdempotencyKeyReused reused) {
            return IdempotencyKeys.reused(reused.key()).toResponse();
        }
        if (notQueued instanceof SubmissionResult.IdempotencyKeyInUse inUse) {
            return IdempotencyKeys.inUse(inUse.key()).toResponse();
        }
        return refusal(notQueued).toResponse(refusalMembers(notQueued));
    }

    /** A refused message's problem as a JSON object, as a batch answers for one recipient. */
    static JsonObject json(SubmissionResult refused) {
        return refusal(refused).json(refusalMembers(refused));
    }

    private static Problem refusal(SubmissionResult refused) {
        if (refused instanceof SubmissionResult.RecipientRefused recipient) {
            return recipientRefused(recipient.recipient(), recipient.reply());
        }
        SubmissionResult.Refused message = (SubmissionResult.Refused) refused;
        return of(message.reply(), message.refusedBy());
    }

    private static Map<String, String> refusalMembers(SubmissionResult refused) {
        if (refused instanceof SubmissionResult.RecipientRefused recipient) {
            return members(Optional.of(recipient.refusedBy()), recipient.recordId());
        }
        SubmissionResult.Refused message = (SubmissionResult.Refused) refused;
        return members(message.refusedBy(), message.recordId());
    }

    static Problem tooLarge(long octets, long limit) {
        return new Problem(
                TOO_LARGE,
                "Message too large",
                413,
                "the composed message has " + octets + " octets; this relay accepts at most " + limit,
                List.of());
    }

    private static List<InvalidParam> from(String reason) {
        return List.of(new InvalidParam("from", reason));
    }
}
