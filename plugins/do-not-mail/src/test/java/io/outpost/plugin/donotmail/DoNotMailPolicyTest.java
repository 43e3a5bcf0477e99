package io.outpost.plugin.donotmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.plugin.testing.PluginTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoNotMailPolicyTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("do-not-mail.txt"), List.of(lines));
    }

    private static DoNotMailPolicy started(Path file, String... more) throws PluginConfigException {
        Map<String, String> settings = new HashMap<>();
        settings.put("file", file.toString());
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return PluginTester.started(new DoNotMailPolicy(), settings);
    }

    private static Verdict check(SuppressionPolicy policy, String recipient) {
        return policy.check(new SuppressionQuery(
                PluginPhase.PRE_DELIVERY,
                Optional.empty(),
                ReversePath.of(EmailAddress.parse("news@shop.example")),
                EmailAddress.parse(recipient),
                MessageStream.BULK));
    }

    @Test
    void refusesListedAddressesAndDomainsWithItsReplyAndLetsOthersContinue() throws Exception {
        DoNotMailPolicy policy = started(
                write("# complaints", "ann@example.com", "@blocked.example  # the whole domain", "", "other.example"));

        Verdict ann = check(policy, "ann@example.com");
        PluginTester.assertRefuses(
                ann, PluginPhase.PRE_DELIVERY, "550 5.7.1 Recipient is on this relay's do-not-mail list");
        assertThat(ann.reason()).contains("ann@example.com", "do-not-mail.txt");
        assertThat(check(policy, "anyone@blocked.example").kind()).isEqualTo(Verdict.Kind.REJECT);
        assertThat(check(policy, "x@other.example").kind()).isEqualTo(Verdict.Kind.REJECT);

        PluginTester.assertContinues(check(policy, "bob@example.com"));
        // A domain entry is that domain, not its subdomains.
        assertThat(check(policy, "ann@sub.blocked.example").kind()).isEqualTo(Verdict.Kind.CONTINUE);
    }

    @Test
    void matchesWithoutRegardToCaseAndInTheDomainsALabelForm() throws Exception {
        DoNotMailPolicy policy = started(write("Ann@Example.COM", "@bücher.example"));

        assertThat(check(policy, "ANN@example.com").kind()).isEqualTo(Verdict.Kind.REJECT);
        assertThat(check(policy, "leser@xn--bcher-kva.example").kind()).isEqualTo(Verdict.Kind.REJECT);
    }

    @Test
    void aHashInsideAnAddressIsPartOfItNotAComment() throws Exception {
        DoNotMailPolicy policy = started(write("a#b@example.com # the comment starts after a space"));

        assertThat(check(policy, "a#b@example.com").kind()).isEqualTo(Verdict.Kind.REJECT);
        assertThat(check(policy, "a@example.com").kind()).isEqualTo(Verdict.Kind.CONTINUE);
    }

    @Test
    void usesTheConfiguredReplyText() throws Exception {
        DoNotMailPolicy policy = started(write("ann@example.com"), "reply", "Unsubscribed, see example.com/help");

        PluginTester.assertRefuses(
                check(policy, "ann@example.com"), PluginPhase.RCPT, "550 5.7.1 Unsubscribed, see example.com/help");
    }

    @Test
    void readsTheFileAgainWhenItChanges() throws Exception {
        Path file = write("ann@example.com");
        DoNotMailPolicy policy = started(file);
        assertThat(check(policy, "bob@example.com").kind()).isEqualTo(Verdict.Kind.CONTINUE);

        write("ann@example.com", "bob@example.com");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertThat(check(policy, "bob@example.com").kind()).isEqualTo(Verdict.Kind.REJECT);
    }

    @Test
    void failsWhenTheFileBreaksLaterSoTheRelayFailsClosed() throws Exception {
        Path file = write("ann@example.com");
        DoNotMailPolicy policy = started(file);

        write("ann@example.com", "not an address@@");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThatThrownBy(() -> check(policy, "ann@example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2");

        Files.delete(file);
        assertThatThrownBy(() -> check(policy, "ann@example.com")).hasMessageContaining("cannot read");
    }

    @Test
    void refusesToStartWithAMissingOrMalformedFileOrAnUnknownSetting() throws Exception {
        assertThatThrownBy(() -> started(dir.resolve("missing.txt")))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> started(write("ann@example.com", "bad domain..example")))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("line 2");
        assertThat(new DoNotMailPolicy().configKeys()).containsExactlyInAnyOrder("file", "reply");
    }

    @Test
    void isFoundByTheServiceLoaderAsASuppressionPolicy() {
        assertThat(ServiceLoader.load(SuppressionPolicy.class).stream().map(ServiceLoader.Provider::type))
                .contains(DoNotMailPolicy.class);
    }
}
