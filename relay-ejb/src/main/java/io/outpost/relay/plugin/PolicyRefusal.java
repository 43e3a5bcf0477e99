package io.outpost.relay.plugin;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * A submission refused by a plugin (one of the relay's own rules or an operator's): which one, at which phase, its
 * verdict with its reason, and the reply the client gets. What the message's story records of the refusal.
 */
public record PolicyRefusal(PluginPhase phase, String plugin, Verdict verdict, SmtpReply reply) {

    public PolicyRefusal {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reply, "reply");
    }

    /** The refusal a chain's decision makes, if it refused (REJECT or DEFER). */
    static Optional<PolicyRefusal> of(PluginPhase phase, PluginChain.Decision<Verdict> decision) {
        Verdict verdict = decision.result();
        return switch (verdict.kind()) {
            case REJECT, DEFER -> Optional.of(new PolicyRefusal(
                    phase,
                    decision.plugin().orElseThrow(),
                    verdict,
                    verdict.effectiveReply(phase).orElseThrow()));
            case CONTINUE, ACCEPT -> Optional.empty();
        };
    }

    /** True if the client may try again later (a DEFER, answered 4xx). */
    public boolean temporary() {
        return verdict.kind() == Verdict.Kind.DEFER;
    }

    /**
     * For the message's story, which its tenant reads: "rejected at RCPT by relay-control: 550 5.7.1 text". Not the
     * verdict's reason, which may name the operator's files and rules and is for the operator's log alone.
     */
    public String describe() {
        return (temporary() ? "deferred" : "rejected") + " at " + phase + " by " + plugin + ": " + reply;
    }

    /** For the operator's log: {@link #describe()} with the verdict's reason. */
    public String explain() {
        return describe() + " (" + verdict.reason() + ")";
    }
}
