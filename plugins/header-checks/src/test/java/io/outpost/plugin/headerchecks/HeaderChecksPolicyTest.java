package io.outpost.plugin.headerchecks;

import static io.outpost.api.plugin.testing.PluginTester.assertContinues;
import static io.outpost.api.plugin.testing.PluginTester.assertRefuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.plugin.testing.FakeSubmission;
import io.outpost.api.plugin.testing.PluginTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderChecksPolicyTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("header-checks.txt"), List.of(lines));
    }

    private static HeaderChecksPolicy started(Path file) throws PluginConfigException {
        return PluginTester.started(new HeaderChecksPolicy(), Map.of("file", file.toString()));
    }

    private static Submission message(String name, String value) {
        return FakeSubmission.http()
                .authenticatedAs("acme", "key-1")
                .sender("news@shop.example")
                .accepted("ann@example.net")
                .header("From", "news@shop.example")
                .header(name, value)
                .build();
    }

    @Test
    void refusesAMessageWhoseFieldMatchesWithTheRulesOwnReply() throws Exception {
        HeaderChecksPolicy policy =
                started(write("# lottery mail", "Subject  /lottery|you have won/i  REJECT  No lottery mail here"));

        Verdict verdict = policy.check(PluginPhase.MESSAGE, message("subject", "YOU HAVE WON a prize"));

        assertRefuses(verdict, PluginPhase.MESSAGE, "550 5.7.1 No lottery mail here");
        assertThat(verdict.reason()).startsWith("header-checks: line 2 (subject /lottery|you have won/)");
        assertContinues(policy.check(PluginPhase.MESSAGE, message("Subject", "Your invoice")));
        assertContinues(policy.check(PluginPhase.MESSAGE, message("X-Note", "lottery")));
    }

    @Test
    void aDeferRuleDefersWithADefaultTextAndTheFirstMatchingRuleDecides() throws Exception {
        HeaderChecksPolicy policy = started(write("X-Mailer /^BulkBlaster\\/2/ DEFER", "X-Mailer /Blaster/ REJECT"));

        Verdict verdict = policy.check(PluginPhase.MESSAGE, message("X-Mailer", " BulkBlaster/2.1"));

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.DEFER);
        assertRefuses(verdict, PluginPhase.MESSAGE, "451 4.7.1 " + HeaderRules.DEFAULT_DEFER);
        assertRefuses(
                policy.check(PluginPhase.MESSAGE, message("X-Mailer", "OtherBlaster")),
                PluginPhase.MESSAGE,
                "550 5.7.1 " + HeaderRules.DEFAULT_REJECT);
    }

    @Test
    void aChangedFileIsReadAgain() throws Exception {
        Path file = write("Subject /sale/ REJECT No sales");
        HeaderChecksPolicy policy = started(file);
        assertContinues(policy.check(PluginPhase.MESSAGE, message("Subject", "clearance")));

        write("Subject /sale|clearance/ REJECT No sales or clearances");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertRefuses(
                policy.check(PluginPhase.MESSAGE, message("Subject", "clearance")),
                PluginPhase.MESSAGE,
                "550 5.7.1 No sales or clearances");
    }

    @Test
    void aMalformedFileStopsTheStartNamingTheLine() throws Exception {
        assertThatThrownBy(() -> started(write("Subject /ok/ REJECT", "Subject lottery REJECT")))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("/like this/");
        assertThatThrownBy(() -> started(write("Subject /(unclosed/ REJECT")))
                .hasMessageContaining("line 1: bad expression");
        assertThatThrownBy(() -> started(write("Subject /x/ DISCARD")))
                .hasMessageContaining("REJECT or DEFER, not 'DISCARD'");
        assertThatThrownBy(() -> started(write("Sub:ject /x/ REJECT"))).hasMessageContaining("not a header field name");
    }

    @Test
    void aRuleThatBacktracksForeverStopsWhenTheRelayInterruptsIt() throws Exception {
        // Tens of seconds of backtracking on the JDK's engine for this short value.
        HeaderChecksPolicy policy = started(write("Subject /(.*){1,32000}[bc]/ REJECT"));
        Submission evil = message("Subject", "a".repeat(30));

        CompletableFuture<Verdict> call = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                call.complete(policy.check(PluginPhase.MESSAGE, evil));
            } catch (RuntimeException e) {
                call.completeExceptionally(e);
            }
        });
        thread.start();
        Thread.sleep(200);
        thread.interrupt();

        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).hasMessageContaining("interrupted");
    }

    @Test
    void isFoundAsASubmissionPolicyAtMessage() {
        assertThat(ServiceLoader.load(SubmissionPolicy.class))
                .extracting(provider -> provider.name())
                .contains("header-checks");
        assertThat(new HeaderChecksPolicy().phases()).containsExactly(PluginPhase.MESSAGE);
    }
}
