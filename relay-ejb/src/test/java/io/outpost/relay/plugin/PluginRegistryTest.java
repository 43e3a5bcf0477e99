package io.outpost.relay.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.Plugin;
import io.outpost.api.plugin.Secret;
import io.outpost.api.plugin.Verdict;
import io.outpost.relay.plugin.fakes.AlphaCheck;
import io.outpost.relay.plugin.fakes.BetaCheck;
import io.outpost.relay.plugin.fakes.ImpostorAlphaCheck;
import io.outpost.relay.plugin.fakes.JarOnlyCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    private static final ClassLoader APP = PluginRegistryTest.class.getClassLoader();
    private static final AuthenticationAttempt ATTEMPT = new AuthenticationAttempt(
            "bob",
            Secret.of(new char[0]),
            InetAddress.getLoopbackAddress(),
            false,
            AuthenticationAttempt.Protocol.SMTP);

    @TempDir
    Path pluginDir;

    @Test
    void startsOnlyTheEnabledPluginsInTheConfiguredOrder() throws PluginLoadException {
        PluginSettings settings = PluginSettings.NONE
                .withAuthenticationChecks(List.of("beta", "alpha"))
                .withConfig("alpha", Map.of("answer", "reject"));

        try (PluginRegistry registry = PluginRegistry.load(settings, APP)) {
            assertThat(registry.authenticationChecks()).extracting(Plugin::name).containsExactly("beta", "alpha");
            AlphaCheck alpha = (AlphaCheck) registry.authenticationChecks().get(1);
            assertThat(alpha.config.require("answer")).isEqualTo("reject");
            assertThat(registry.suppressionPolicies()).isEmpty();
        } catch (io.outpost.api.plugin.PluginConfigException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ordersAndEnablesABuiltInPluginByNameLikeADiscoveredOne() throws PluginLoadException {
        AuthenticationCheck builtIn = FakeCheck.answering("built-in", AuthenticationResult.unknownUser("fake"));
        PluginSettings settings = PluginSettings.NONE.withAuthenticationChecks(List.of("alpha", "built-in"));

        try (PluginRegistry registry = PluginRegistry.load(settings, APP, List.of(builtIn))) {
            assertThat(registry.authenticationChecks()).extracting(Plugin::name).containsExactly("alpha", "built-in");
            assertThat(registry.authenticationChecks().get(1)).isSameAs(builtIn);
        }
        try (PluginRegistry registry = PluginRegistry.load(
                PluginSettings.NONE.withAuthenticationChecks(List.of("alpha")), APP, List.of(builtIn))) {
            assertThat(registry.authenticationChecks()).extracting(Plugin::name).containsExactly("alpha");
        }
    }

    @Test
    void aBuiltInPluginNamedLikeAJarPluginIsAStartUpError() {
        PluginSettings settings = PluginSettings.NONE.withAuthenticationChecks(List.of("alpha"));

        assertThatThrownBy(() -> PluginRegistry.load(
                        settings, APP, List.of(FakeCheck.answering("alpha", AuthenticationResult.unknownUser("fake")))))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("two authentication checks are named 'alpha'");
    }

    @Test
    void closesPluginsAtShutdown() throws PluginLoadException {
        PluginRegistry registry =
                PluginRegistry.load(PluginSettings.NONE.withAuthenticationChecks(List.of("alpha", "beta")), APP);
        AlphaCheck alpha = (AlphaCheck) registry.authenticationChecks().get(0);
        BetaCheck beta = (BetaCheck) registry.authenticationChecks().get(1);

        registry.close();

        assertThat(alpha.closed).isTrue();
        assertThat(beta.closed).isTrue();
    }

    @Test
    void anEnabledPluginThatNoJarProvidesIsAStartUpError() {
        PluginSettings settings = PluginSettings.NONE.withAuthenticationChecks(List.of("alpha", "ldap"));

        assertThatThrownBy(() -> PluginRegistry.load(settings, APP))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("authentication check 'ldap' is enabled but no jar provides it")
                .hasMessageContaining("[alpha, beta]");
    }

    @Test
    void anUnknownSettingIsAStartUpError() {
        PluginSettings settings = PluginSettings.NONE
                .withAuthenticationChecks(List.of("alpha"))
                .withConfig("alpha", Map.of("answer", "reject", "anwser", "continue"));

        assertThatThrownBy(() -> PluginRegistry.load(settings, APP))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("plugin alpha: unknown setting(s) [anwser]");
    }

    @Test
    void aPluginWithoutSettingsRefusesAnySetting() {
        PluginSettings settings = PluginSettings.NONE
                .withAuthenticationChecks(List.of("beta"))
                .withConfig("beta", Map.of("file", "/tmp/x"));

        assertThatThrownBy(() -> PluginRegistry.load(settings, APP))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("unknown setting(s) [file]");
    }

    @Test
    void anInvalidSettingValueIsAStartUpErrorAndStartedPluginsAreClosed() {
        PluginSettings settings = PluginSettings.NONE
                .withAuthenticationChecks(List.of("beta", "alpha"))
                .withConfig("alpha", Map.of("answer", "maybe"));

        assertThatThrownBy(() -> PluginRegistry.load(settings, APP))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("answer must be continue or reject");
    }

    @Test
    void settingsForAPluginThatIsNotEnabledAreAStartUpError() {
        PluginSettings settings = PluginSettings.NONE.withConfig("alpah", Map.of("answer", "reject"));

        assertThatThrownBy(() -> PluginRegistry.load(settings, APP))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("[alpah]");
    }

    @Test
    void aNameEnabledTwiceIsAStartUpError() {
        PluginSettings settings = PluginSettings.NONE.withAuthenticationChecks(List.of("alpha", "alpha"));

        assertThatThrownBy(() -> PluginRegistry.load(settings, APP))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'alpha' is enabled twice");
    }

    @Test
    void findsPluginsInTheJarsOfThePluginDirectory() throws Exception {
        writePluginJar(pluginDir.resolve("jar-only.jar"), JarOnlyCheck.class);
        Files.writeString(pluginDir.resolve("README.txt"), "not a jar");
        ClassLoader app = new HidingClassLoader(APP, JarOnlyCheck.class.getName());
        PluginSettings settings =
                PluginSettings.NONE.withDirectory(pluginDir).withAuthenticationChecks(List.of("jar-only", "alpha"));

        try (PluginRegistry registry = PluginRegistry.load(settings, app)) {
            List<AuthenticationCheck> checks = registry.authenticationChecks();
            assertThat(checks).extracting(Plugin::name).containsExactly("jar-only", "alpha");
            assertThat(checks.get(0).getClass().getClassLoader()).isInstanceOf(URLClassLoader.class);
            assertThat(checks.get(0).check(ATTEMPT).verdict().kind()).isEqualTo(Verdict.Kind.REJECT);
        }
    }

    @Test
    void aPluginOnlyInAJarIsNotFoundWithoutThePluginDirectory() throws Exception {
        writePluginJar(pluginDir.resolve("jar-only.jar"), JarOnlyCheck.class);

        assertThatThrownBy(() ->
                        PluginRegistry.load(PluginSettings.NONE.withAuthenticationChecks(List.of("jar-only")), APP))
                .isInstanceOf(PluginLoadException.class);
    }

    @Test
    void twoPluginsWithOneNameAreAStartUpError() throws Exception {
        writePluginJar(pluginDir.resolve("impostor.jar"), ImpostorAlphaCheck.class);
        PluginSettings settings =
                PluginSettings.NONE.withDirectory(pluginDir).withAuthenticationChecks(List.of("alpha"));

        assertThatThrownBy(() -> PluginRegistry.load(settings, APP))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("two authentication checks are named 'alpha'");
    }

    @Test
    void aMissingPluginDirectoryIsAStartUpError() {
        PluginSettings settings = PluginSettings.NONE.withDirectory(pluginDir.resolve("absent"));

        assertThatThrownBy(() -> PluginRegistry.load(settings, APP))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("does not exist");
    }

    /** Packs an already compiled test class and its services entry into a plugin jar. */
    private static void writePluginJar(Path jar, Class<? extends AuthenticationCheck> plugin) throws IOException {
        String classFile = plugin.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                InputStream bytes = APP.getResourceAsStream(classFile)) {
            out.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(out);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/" + AuthenticationCheck.class.getName()));
            out.write((plugin.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    /** The application's loader without one class, so that the class can only come from a plugin jar. */
    private static final class HidingClassLoader extends ClassLoader {
        private final String hidden;

        HidingClassLoader(ClassLoader parent, String hidden) {
            super(parent);
            this.hidden = hidden;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(hidden)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
