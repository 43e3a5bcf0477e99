package io.outpost.relay.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.plugin.PluginChain;
import io.outpost.relay.smtp.auth.AuthResult;
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

/** The checks decide in order; the first that accepts or rejects ends it; nobody knowing the user is a rejection. */
class PluginAuthenticatorTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger laterCalls = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void authenticatesAsThePrincipalOfTheFirstCheckThatAccepts() {
        AuthResult result = authenticator(
                        answering("first", AuthenticationResult.unknownUser("not mine")),
                        answering("store", accepted("shop", "shop-mailer")),
                        counting("last"))
                .authenticate("shop-mailer", "pw".toCharArray(), InetAddress.getLoopbackAddress());

        assertThat(result).isEqualTo(new AuthResult.Authenticated(new Identity(TenantId.of("shop"), "shop-mailer")));
        assertThat(laterCalls).hasValue(0);
    }

    @Test
    void rejectsAUserNoCheckKnows() {
        assertThat(authenticator(answering("only", AuthenticationResult.unknownUser("not mine")))
                        .authenticate("nobody", "pw".toCharArray(), InetAddress.getLoopbackAddress()))
                .isInstanceOf(AuthResult.Rejected.class);
        assertThat(authenticator().authenticate("nobody", "pw".toCharArray(), InetAddress.getLoopbackAddress()))
                .isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void aRejectionIsFinal() {
        AuthResult result = authenticator(
                        answering("first", AuthenticationResult.rejected("wrong password")), counting("last"))
                .authenticate("alice", "pw".toCharArray(), InetAddress.getLoopbackAddress());

        assertThat(result).isInstanceOf(AuthResult.Rejected.class);
        assertThat(laterCalls).hasValue(0);
    }

    @Test
    void aChecksOwnReplyIsKeptForTheClientAndTheStandardOneUsedWithoutIt() {
        SmtpReply locked = SmtpReply.of(535, "5.7.8", "Account locked");

        AuthResult own = authenticator(answering("first", AuthenticationResult.of(Verdict.reject("locked", locked))))
                .authenticate("alice", "pw".toCharArray(), InetAddress.getLoopbackAddress());
        AuthResult unknown = authenticator(counting("only"))
                .authenticate("alice", "pw".toCharArray(), InetAddress.getLoopbackAddress());

        assertThat(((AuthResult.Rejected) own).reply()).contains(locked);
        assertThat(((AuthResult.Rejected) unknown).reply()).isEmpty();
    }

    @Test
    void aDeferringCheckDefersWithoutAskingTheNext() {
        AuthResult result = authenticator(
                        answering("first", AuthenticationResult.deferred("directory down")), counting("last"))
                .authenticate("alice", "pw".toCharArray(), InetAddress.getLoopbackAddress());

        assertThat(result).isInstanceOf(AuthResult.TemporaryFailure.class);
        assertThat(laterCalls).hasValue(0);
    }

    private PluginAuthenticator authenticator(AuthenticationCheck... checks) {
        PluginChain<AuthenticationCheck, AuthenticationResult> chain = PluginChain.authentication(
                List.of(checks), Duration.ofSeconds(5), executor, decision -> {}, Clock.systemUTC());
        return new PluginAuthenticator(chain);
    }

    private static AuthenticationResult accepted(String tenant, String credential) {
        return AuthenticationResult.accepted(
                new AuthenticatedPrincipal(TenantId.of(tenant), CredentialId.of(credential)), "known");
    }

    private AuthenticationCheck counting(String name) {
        return new AuthenticationCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public AuthenticationResult check(AuthenticationAttempt attempt) {
                laterCalls.incrementAndGet();
                return AuthenticationResult.unknownUser("counted");
            }
        };
    }

    private static AuthenticationCheck answering(String name, AuthenticationResult result) {
        return new AuthenticationCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public AuthenticationResult check(AuthenticationAttempt attempt) {
                return result;
            }
        };
    }
}
