package io.outpost.relay.plugin.fakes;

import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import java.util.Set;

/** A bundled check found through the test class path's services file; knows the setting {@code answer}. */
public class AlphaCheck implements AuthenticationCheck {

    public volatile PluginConfig config;
    public volatile boolean closed;

    @Override
    public String name() {
        return "alpha";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("answer");
    }

    @Override
    public void init(PluginConfig config) throws PluginConfigException {
        String answer = config.get("answer").orElse("continue");
        if (!answer.equals("continue") && !answer.equals("reject")) {
            throw new PluginConfigException(name(), "answer must be continue or reject");
        }
        this.config = config;
    }

    @Override
    public AuthenticationResult check(AuthenticationAttempt attempt) {
        return config.get("answer").orElse("continue").equals("reject")
                ? AuthenticationResult.rejected("alpha says no")
                : AuthenticationResult.unknownUser("alpha does not know " + attempt.username());
    }

    @Override
    public void close() {
        closed = true;
    }
}
