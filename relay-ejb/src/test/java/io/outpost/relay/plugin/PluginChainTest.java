package io.outpost.relay.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Secret;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginChainTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final AuthenticationAttempt ATTEMPT = new AuthenticationAttempt(
            "alice",
            Secret.of("s3cret".toCharArray()),
            InetAddress.getLoopbackAddress(),
            true,
            AuthenticationAttempt.Protocol.SMTP);
    private static final AuthenticatedPrincipal ALICE =
            new AuthenticatedPrincipal(TenantId.of("acme"), CredentialId.of("alice"));

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<PluginDecision> decisions = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private PluginChain<AuthenticationCheck, AuthenticationResult> chain(
            Duration timeLimit, AuthenticationCheck... checks) {
        return PluginChain.authentication(
                List.of(checks), timeLimit, executor, decisions::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private PluginChain<AuthenticationCheck, AuthenticationResult> chain(AuthenticationCheck... checks) {
        return chain(Duration.ofSeconds(5), checks);
    }

    @Test
    void callsPluginsInOrderWhileTheyContinue() {
        List<String> order = new CopyOnWriteArrayList<>();
        FakeCheck first = new FakeCheck("first", a -> {
            order.add("first");
            return AuthenticationResult.unknownUser("not mine");
        });
        FakeCheck second = new FakeCheck("second", a -> {
            order.add("second");
            return AuthenticationResult.unknownUser("not mine either");
        });

        AuthenticationResult result = chain(first, second).run(c -> c.check(ATTEMPT));

        assertThat(order).containsExactly("first", "second");
        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.CONTINUE);
    }

    @Test
    void theFirstVerdictThatIsNotContinueEndsTheChain() {
        FakeCheck unknown = FakeCheck.answering("unknown", AuthenticationResult.unknownUser("no such user"));
        FakeCheck accepts = FakeCheck.answering("accepts", AuthenticationResult.accepted(ALICE, "password ok"));
        FakeCheck rejects = FakeCheck.answering("rejects", AuthenticationResult.rejected("never reached"));

        AuthenticationResult result = chain(unknown, accepts, rejects).run(c -> c.check(ATTEMPT));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(result.principal()).contains(ALICE);
        assertThat(rejects.calls).hasValue(0);
    }

    @Test
    void aPluginThatThrowsYieldsDeferAndStopsTheChain() {
        FakeCheck broken = new FakeCheck("broken", a -> {
            throw new IllegalStateException("directory unreachable");
        });
        FakeCheck accepts = FakeCheck.answering("accepts", AuthenticationResult.accepted(ALICE, "ok"));

        AuthenticationResult result = chain(broken, accepts).run(c -> c.check(ATTEMPT));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.DEFER);
        assertThat(result.verdict().effectiveReply().orElseThrow().code()).isEqualTo(451);
        assertThat(result.principal()).isEmpty();
        assertThat(accepts.calls).hasValue(0);
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.plugin()).isEqualTo("broken");
            assertThat(d.reason()).contains("IllegalStateException: directory unreachable");
        });
    }

    @Test
    void aPluginThatRunsPastItsTimeLimitYieldsDeferAndIsInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeCheck slow = new FakeCheck("slow", a -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return AuthenticationResult.accepted(ALICE, "too late");
        });

        AuthenticationResult result = chain(Duration.ofMillis(100), slow).run(c -> c.check(ATTEMPT));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.DEFER);
        assertThat(decisions).singleElement().satisfies(d -> assertThat(d.reason())
                .contains("exceeded its time limit of PT0.1S"));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPluginThatReturnsNullYieldsDefer() {
        FakeCheck nothing = new FakeCheck("nothing", a -> null);

        AuthenticationResult result = chain(nothing).run(c -> c.check(ATTEMPT));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.DEFER);
        assertThat(decisions.get(0).reason()).contains("returned null");
    }

    @Test
    void aRejectedCallYieldsDeferRatherThanAPass() {
        executor.shutdown();
        FakeCheck accepts = FakeCheck.answering("accepts", AuthenticationResult.accepted(ALICE, "ok"));

        AuthenticationResult result = chain(accepts).run(c -> c.check(ATTEMPT));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.DEFER);
    }

    @Test
    void everyDecisionIsRecordedWithPluginPhaseVerdictAndTime() {
        FakeCheck unknown = FakeCheck.answering("unknown", AuthenticationResult.unknownUser("no such user"));
        FakeCheck rejects = FakeCheck.answering("rejects", AuthenticationResult.rejected("wrong password"));

        chain(unknown, rejects).run(c -> c.check(ATTEMPT));

        assertThat(decisions)
                .extracting(PluginDecision::plugin, PluginDecision::phase, PluginDecision::kind, PluginDecision::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "unknown", PluginPhase.AUTH, Verdict.Kind.CONTINUE, "no such user"),
                        org.assertj.core.groups.Tuple.tuple(
                                "rejects", PluginPhase.AUTH, Verdict.Kind.REJECT, "wrong password"));
        assertThat(decisions).allSatisfy(d -> assertThat(d.at()).isEqualTo(NOW));
    }

    @Test
    void aPluginThatIgnoresInterruptsHoldsOneThreadOfTheBoundedPoolAndLaterCallsFailClosed() throws Exception {
        ExecutorService bounded = BoundedPluginCalls.create(1, Thread::new);
        CountDownLatch release = new CountDownLatch(1);
        FakeCheck stubborn = new FakeCheck("stubborn", a -> {
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // Ignored on purpose: this is the plugin that does not listen.
                }
            }
            return AuthenticationResult.accepted(ALICE, "too late");
        });
        FakeCheck quick = FakeCheck.answering("quick", AuthenticationResult.accepted(ALICE, "ok"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try {
            PluginChain<AuthenticationCheck, AuthenticationResult> stuck = PluginChain.authentication(
                    List.of(stubborn), Duration.ofMillis(100), bounded, decisions::add, clock);
            PluginChain<AuthenticationCheck, AuthenticationResult> other =
                    PluginChain.authentication(List.of(quick), Duration.ofSeconds(5), bounded, decisions::add, clock);

            assertThat(stuck.run(c -> c.check(ATTEMPT)).verdict().kind()).isEqualTo(Verdict.Kind.DEFER);
            // The cancelled call still holds the pool's one thread: the next call is refused at once, never queued.
            assertThat(other.run(c -> c.check(ATTEMPT)).verdict().kind()).isEqualTo(Verdict.Kind.DEFER);
            assertThat(decisions.get(1).reason()).contains("quick", "executor refused");

            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Verdict.Kind after = Verdict.Kind.DEFER;
            while (after != Verdict.Kind.ACCEPT && System.nanoTime() < deadline) {
                Thread.sleep(20);
                after = other.run(c -> c.check(ATTEMPT)).verdict().kind();
            }
            assertThat(after)
                    .as("once the stubborn call returns, its thread serves calls again")
                    .isEqualTo(Verdict.Kind.ACCEPT);
        } finally {
            release.countDown();
            bounded.shutdownNow();
        }
    }

    @Test
    void anEmptyChainContinuesToTheBuiltInDecision() {
        assertThat(chain().run(c -> c.check(ATTEMPT)).verdict().isContinue()).isTrue();
        assertThat(decisions).isEmpty();
    }
}
