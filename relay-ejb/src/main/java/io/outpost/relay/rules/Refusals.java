package io.outpost.relay.rules;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.OutboundAuthentication.Refused;
import java.util.Optional;

/** The verdict a rule gives for a reply it may refuse with: REJECT for 5xx, DEFER for 4xx, CONTINUE for none. */
final class Refusals {

    private Refusals() {}

    /** The verdict for what {@link OutboundAuthentication} would refuse, its note as the reason. */
    static Verdict verdict(Optional<Refused> refused) {
        return verdict(refused.map(Refused::reply), refused.map(Refused::note).orElse(""));
    }

    static Verdict verdict(Optional<SmtpReply> refusal, String reason) {
        if (refusal.isEmpty()) {
            return Verdict.proceed();
        }
        SmtpReply reply = refusal.get();
        return reply.code() >= 500 ? Verdict.reject(reason, reply) : Verdict.defer(reason, reply);
    }
}
