package io.outpost.relay.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.relay.plugin.PluginChain;
import io.outpost.relay.smtp.auth.AuthResult;
import io.outpost.relay.smtp.auth.Authenticator;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plugins decide first; only when all of them continue does the built-in credential store decide. */
class PluginAuthenticatorTest {

    private static final AuthResult STORE_ANSWER = new AuthResult.Authenticated(new Identity("shop", "shop-mailer"));

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger storeCalls = new AtomicInteger();
    private final Authenticator store = (username, password, client) -> {
        storeCalls.incrementAndGet();
        return STORE_ANSWER;
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void asksTheCredentialStoreWhenEveryPluginContinues() {
        AuthResult result = authenticator(answering(AuthenticationResult.unknownUser("not mine")))
                .authenticate("shop-mailer", "pw".toCharArray(), InetAddress.getLoopbackAddress());

        assertThat(result).isEqualTo(STORE_ANSWER);
        assertThat(storeCalls).hasValue(1);
    }

    @Test
    void asksTheCredentialStoreWhenNoPluginIsConfigured() {
        assertThat(authenticator().authenticate("shop-mailer", "pw".toCharArray(), InetAddress.getLoopbackAddress()))
                .isEqualTo(STORE_ANSWER);
    }

    @Test
    void aPluginRejectionIsFinal() {
        AuthResult result = authenticator(answering(AuthenticationResult.rejected("wrong password")))
                .authenticate("alice", "pw".toCharArray(), InetAddress.getLoopbackAddress());

        assertThat(result).isInstanceOf(AuthResult.Rejected.class);
        assertThat(storeCalls).hasValue(0);
    }

    @Test
    void aDeferringPluginDefersWithoutAskingTheStore() {
        AuthResult result = authenticator(answering(AuthenticationResult.deferred("directory down")))
                .authenticate("alice", "pw".toCharArray(), InetAddress.getLoopbackAddress());

        assertThat(result).isInstanceOf(AuthResult.TemporaryFailure.class);
        assertThat(storeCalls).hasValue(0);
    }

    private PluginAuthenticator authenticator(AuthenticationCheck... checks) {
        PluginChain<AuthenticationCheck, AuthenticationResult> chain = PluginChain.authentication(
                List.of(checks), Duration.ofSeconds(5), executor, decision -> {}, Clock.systemUTC());
        return new PluginAuthenticator(chain, store);
    }

    private static AuthenticationCheck answering(AuthenticationResult result) {
        return new AuthenticationCheck() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public AuthenticationResult check(AuthenticationAttempt attempt) {
                return result;
            }
        };
    }
}
