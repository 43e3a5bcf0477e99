package io.outpost.api.plugin;

import io.outpost.api.mail.SmtpReply;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin decided: {@link Kind#CONTINUE} (no opinion, ask the next plugin), {@link Kind#ACCEPT},
 * {@link Kind#REJECT} (permanent, 5xx) or {@link Kind#DEFER} (temporary, 4xx), with an optional SMTP reply for the
 * client and a reason for the operator's record.
 *
 * <p>A verdict without a reply uses the relay's one table of default replies ({@link #defaultReply(Kind)}): REJECT →
 * {@code 550 5.7.1}, DEFER → {@code 451 4.3.0}. Give a reply of your own only for a more precise enhanced status or a
 * text the sender's admin can act on; its code must match the kind (5xx for REJECT, 4xx for DEFER, 2xx for ACCEPT).
 *
 * <p>The reason is for logs and the decision record, never shown to the client: say what the plugin saw ("user alice:
 * wrong password"), not what the client should read.
 */
public record Verdict(Kind kind, Optional<SmtpReply> reply, String reason) {

    /** The four outcomes of a plugin call. */
    public enum Kind {
        /** No opinion: the next plugin decides, or the relay's built-in behaviour if none is left. */
        CONTINUE,
        /** Allowed: the chain ends here. */
        ACCEPT,
        /** Refused permanently (5xx): the client should not retry. */
        REJECT,
        /** Refused for now (4xx): the client should retry later. Also the outcome of a plugin that fails. */
        DEFER
    }

    /** The default reply for REJECT: RFC 3463 §3.8 X.7.1 "delivery not authorized, message refused". */
    public static final SmtpReply DEFAULT_REJECT = SmtpReply.of(550, "5.7.1", "Refused by policy");

    /** The default reply for DEFER: RFC 3463 §3.5 X.3.0 "other or undefined mail system status". */
    public static final SmtpReply DEFAULT_DEFER =
            SmtpReply.of(451, "4.3.0", "Temporary failure, please try again later");

    private static final Verdict CONTINUE = new Verdict(Kind.CONTINUE, Optional.empty(), "no opinion");

    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reply, "reply");
        reason = reason == null || reason.isBlank() ? kind.name().toLowerCase(java.util.Locale.ROOT) : reason;
        reply.ifPresent(r -> {
            boolean fits =
                    switch (kind) {
                        case CONTINUE -> false;
                        case ACCEPT -> r.isPositive();
                        case REJECT -> r.isPermanentFailure();
                        case DEFER -> r.isTransientFailure();
                    };
            if (!fits) {
                throw new IllegalArgumentException("reply " + r + " does not fit verdict " + kind);
            }
        });
    }

    /** No opinion: ask the next plugin. */
    public static Verdict proceed() {
        return CONTINUE;
    }

    /** No opinion, with a note for the record (for example "user not in this file"). */
    public static Verdict proceed(String reason) {
        return new Verdict(Kind.CONTINUE, Optional.empty(), reason);
    }

    public static Verdict accept(String reason) {
        return new Verdict(Kind.ACCEPT, Optional.empty(), reason);
    }

    /** Refused permanently with the default reply {@code 550 5.7.1}. */
    public static Verdict reject(String reason) {
        return new Verdict(Kind.REJECT, Optional.empty(), reason);
    }

    /** Refused permanently with a reply of the plugin's own, which must be 5xx. */
    public static Verdict reject(String reason, SmtpReply reply) {
        return new Verdict(Kind.REJECT, Optional.of(reply), reason);
    }

    /** Refused for now with the default reply {@code 451 4.3.0}. */
    public static Verdict defer(String reason) {
        return new Verdict(Kind.DEFER, Optional.empty(), reason);
    }

    /** Refused for now with a reply of the plugin's own, which must be 4xx. */
    public static Verdict defer(String reason, SmtpReply reply) {
        return new Verdict(Kind.DEFER, Optional.of(reply), reason);
    }

    /** The reply from the one table of defaults: REJECT → 550 5.7.1, DEFER → 451 4.3.0, otherwise none. */
    public static Optional<SmtpReply> defaultReply(Kind kind) {
        return switch (kind) {
            case REJECT -> Optional.of(DEFAULT_REJECT);
            case DEFER -> Optional.of(DEFAULT_DEFER);
            case CONTINUE, ACCEPT -> Optional.empty();
        };
    }

    /** The reply to send: the plugin's own if it gave one, else the default for the kind. */
    public Optional<SmtpReply> effectiveReply() {
        return reply.isPresent() ? reply : defaultReply(kind);
    }

    /** The reply to send at {@code phase}: the plugin's own if it gave one, else that phase's default. */
    public Optional<SmtpReply> effectiveReply(PluginPhase phase) {
        return reply.isPresent() ? reply : phase.defaultReply(kind);
    }

    public boolean isContinue() {
        return kind == Kind.CONTINUE;
    }
}
