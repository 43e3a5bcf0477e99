package io.outpost.api.plugin.testing;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.Plugin;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Verdict;
import java.util.Map;
import java.util.Objects;

/** Starts a plugin as the relay does, and checks what it answers. */
public final class PluginTester {

    private PluginTester() {}

    /**
     * {@code plugin}, started with {@code settings} as the relay starts it: a key it does not declare in {@link
     * Plugin#configKeys()} is refused (the relay would not start), then {@link Plugin#init} runs.
     */
    public static <P extends Plugin> P started(P plugin, Map<String, String> settings) throws PluginConfigException {
        PluginConfig config = PluginConfig.of(plugin.name(), settings);
        config.requireOnly(plugin.configKeys());
        plugin.init(config);
        return plugin;
    }

    /** Fails unless the verdict is CONTINUE: the plugin had no opinion. */
    public static void assertContinues(Verdict verdict) {
        Objects.requireNonNull(verdict, "the plugin returned null, which the relay takes as a failure");
        if (verdict.kind() != Verdict.Kind.CONTINUE) {
            throw new AssertionError("expected CONTINUE, got " + verdict);
        }
    }

    /**
     * Fails unless the verdict refuses (REJECT or DEFER, as the reply's class says) with exactly {@code reply} as the
     * client would see it at {@code phase}: its own reply, or the phase's default; e.g. {@code "550 5.7.1 No"}.
     */
    public static void assertRefuses(Verdict verdict, PluginPhase phase, String reply) {
        Objects.requireNonNull(verdict, "the plugin returned null, which the relay takes as a failure");
        if (verdict.kind() != Verdict.Kind.REJECT && verdict.kind() != Verdict.Kind.DEFER) {
            throw new AssertionError("expected a refusal with " + reply + ", got " + verdict);
        }
        SmtpReply sent = verdict.effectiveReply(phase).orElseThrow();
        if (!sent.toString().equals(reply)) {
            throw new AssertionError("expected the client to see <" + reply + ">, it would see <" + sent + ">");
        }
    }
}
