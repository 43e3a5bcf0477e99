package io.outpost.plugin.htpasswd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.Secret;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.plugin.testing.PluginTester;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtpasswdAuthenticationCheckTest {

    // Generated with Apache htpasswd 2.4 (Debian apache2-utils): htpasswd -nbB -C 5 alice 'correct horse'
    private static final String APACHE_ALICE = "alice:$2y$05$zzLRCSVS6f9J537QQKyP1eQ.9v0IevpsHC8184KMl8FYTXZIWacMC";
    // htpasswd -nbB -C 5 bob 'päss wörd' (the password typed in a UTF-8 terminal)
    private static final String APACHE_BOB = "bob:$2y$05$fM.Te40GeLf0qjUV05Pi3eOaiWzRDvf98L2Szeqq3mO65Oab3N4IS";

    @TempDir
    Path dir;

    private static String entry(String user, String password, int cost) {
        return user + ":" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(cost, password.toCharArray());
    }

    private static AuthenticationAttempt attempt(String user, String password) {
        return new AuthenticationAttempt(
                user,
                Secret.of(password.toCharArray()),
                InetAddress.getLoopbackAddress(),
                true,
                AuthenticationAttempt.Protocol.SMTP);
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("users"), java.util.List.of(lines));
    }

    private static HtpasswdAuthenticationCheck started(Path file, String... more) throws PluginConfigException {
        Map<String, String> settings = new HashMap<>();
        settings.put("file", file.toString());
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return PluginTester.started(new HtpasswdAuthenticationCheck(), settings);
    }

    @Test
    void acceptsTheRightPasswordAsTheConfiguredTenant() throws Exception {
        var check = started(write(entry("carol", "s3cret", 4)), "tenant", "acme");

        AuthenticationResult result = check.check(attempt("carol", "s3cret"));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(result.principal())
                .contains(new AuthenticatedPrincipal(TenantId.of("acme"), CredentialId.of("carol")));
    }

    @Test
    void usersBelongToTheDefaultTenantWhenNoneIsConfigured() throws Exception {
        var check = started(write(entry("carol", "s3cret", 4)));

        assertThat(check.check(attempt("carol", "s3cret"))
                        .principal()
                        .orElseThrow()
                        .tenant())
                .isEqualTo(TenantId.DEFAULT);
    }

    @Test
    void verifiesTheDollar2yHashesApacheHtpasswdWrites() throws Exception {
        var check = started(write(APACHE_ALICE, APACHE_BOB));

        assertThat(check.check(attempt("alice", "correct horse")).verdict().kind())
                .isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(check.check(attempt("bob", "päss wörd")).verdict().kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(check.check(attempt("alice", "Correct horse")).verdict().kind())
                .isEqualTo(Verdict.Kind.REJECT);
    }

    @Test
    void rejectsAWrongPassword() throws Exception {
        var check = started(write(entry("carol", "s3cret", 4)));

        AuthenticationResult result = check.check(attempt("carol", "guess"));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.REJECT);
        assertThat(result.verdict().effectiveReply().orElseThrow().code()).isEqualTo(550);
        assertThat(result.principal()).isEmpty();
    }

    @Test
    void continuesForAUserItDoesNotKnow() throws Exception {
        var check = started(write(entry("carol", "s3cret", 4)));

        assertThat(check.check(attempt("mallory", "s3cret")).verdict().kind()).isEqualTo(Verdict.Kind.CONTINUE);
    }

    @Test
    void spendsAsLongOnAnUnknownUserAsOnAKnownOne() throws Exception {
        var check = started(write(entry("carol", "s3cret", 10)));
        check.check(attempt("carol", "warm-up"));

        long known = timeOf(check, "carol");
        long unknown = timeOf(check, "mallory");

        // A cost-10 bcrypt takes tens of milliseconds; a map miss without it takes microseconds.
        assertThat(unknown).isGreaterThan(known / 4);
    }

    private static long timeOf(AuthenticationCheck check, String user) {
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            check.check(attempt(user, "wrong"));
        }
        return System.nanoTime() - start;
    }

    @Test
    void ignoresCommentsAndBlankLines() throws Exception {
        var check = started(write("# mail senders", "", "   ", entry("carol", "s3cret", 4), "# end"));

        assertThat(check.check(attempt("carol", "s3cret")).verdict().kind()).isEqualTo(Verdict.Kind.ACCEPT);
    }

    @Test
    void readsTheFileAgainWhenItChanges() throws Exception {
        Path file = write(entry("carol", "s3cret", 4));
        var check = started(file);
        FileTime before = Files.getLastModifiedTime(file);

        write(entry("dave", "n3w", 4));
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 10_000));

        assertThat(check.check(attempt("dave", "n3w")).verdict().kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(check.check(attempt("carol", "s3cret")).verdict().kind()).isEqualTo(Verdict.Kind.CONTINUE);
    }

    @Test
    void failsWhileTheFileIsGoneSoTheRelayDefers() throws Exception {
        Path file = write(entry("carol", "s3cret", 4));
        var check = started(file);
        Files.delete(file);

        assertThatThrownBy(() -> check.check(attempt("carol", "s3cret"))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void refusesToStartWithoutTheFileSetting() {
        var check = new HtpasswdAuthenticationCheck();

        assertThatThrownBy(() -> check.init(PluginConfig.empty("htpasswd")))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("'file' is required");
    }

    @Test
    void refusesToStartWhenTheFileIsMissing() {
        assertThatThrownBy(() -> started(dir.resolve("absent")))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void refusesUnknownSettings() throws Exception {
        Path file = write(entry("carol", "s3cret", 4));

        assertThatThrownBy(() -> started(file, "tennant", "acme"))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("unknown setting(s) [tennant]");
    }

    @Test
    void refusesAnInvalidTenant() throws Exception {
        Path file = write(entry("carol", "s3cret", 4));

        assertThatThrownBy(() -> started(file, "tenant", "Acme Corp"))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("tenant");
    }

    @Test
    void refusesEntriesThatAreNotBcrypt() throws Exception {
        // htpasswd -nbm erin pw (Apache MD5)
        Path file = write(entry("carol", "s3cret", 4), "erin:$apr1$/yehd.DA$3DVGWCVDrwc39SsQ8X7EY.");

        assertThatThrownBy(() -> started(file))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("htpasswd -B");
    }

    @Test
    void refusesALineWithoutAHash() throws Exception {
        assertThatThrownBy(() -> started(write("just-a-name")))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("line 1: expected user:hash");
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(AuthenticationCheck.class).stream()
                        .map(p -> p.get().name()))
                .contains("htpasswd");
    }
}
