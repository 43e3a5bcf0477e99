package io.outpost.relay.plugin;

import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A hand-written authentication check whose answer the test chooses; counts its calls. */
final class FakeCheck implements AuthenticationCheck {

    private final String name;
    private final Function<AuthenticationAttempt, AuthenticationResult> answer;
    final AtomicInteger calls = new AtomicInteger();

    FakeCheck(String name, Function<AuthenticationAttempt, AuthenticationResult> answer) {
        this.name = name;
        this.answer = answer;
    }

    static FakeCheck answering(String name, AuthenticationResult result) {
        return new FakeCheck(name, attempt -> result);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AuthenticationResult check(AuthenticationAttempt attempt) {
        calls.incrementAndGet();
        return answer.apply(attempt);
    }
}
