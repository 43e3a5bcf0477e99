package io.outpost.plugin.htpasswd;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.WatchedFile;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Checks logins against an Apache htpasswd file of bcrypt hashes ({@code htpasswd -B}).
 *
 * <p>A user the file does not list gets CONTINUE, so the next check (or the relay's own credential store) decides; a
 * listed user with a wrong password gets REJECT; a right one ACCEPT, as credential {@code user} of the configured
 * tenant. For an unknown user the password is still verified, against a dummy hash of the file's highest cost, so the
 * time taken does not tell which users exist.
 *
 * <p>The file is read at start-up (an unreadable or malformed file stops the relay) and read again whenever its
 * modification time or size changes. If it cannot be read or parsed later, calls fail (and the relay defers the login)
 * until it is fixed: an edited file never silently lets anyone in or keeps a removed user.
 *
 * <p>Settings: {@code file} (required) the path of the htpasswd file; {@code tenant} (optional, default
 * {@code default}) the tenant whose credentials the users are.
 */
public final class HtpasswdAuthenticationCheck implements AuthenticationCheck {

    /** The setting naming the htpasswd file. */
    public static final String FILE = "file";

    /** The setting naming the tenant the users belong to. */
    public static final String TENANT = "tenant";

    private static final Logger LOG = Logger.getLogger(HtpasswdAuthenticationCheck.class.getName());

    // Non-strict verification reads the version ($2a$, $2b$, $2y$) from each hash. Passwords longer than bcrypt's
    // 72 bytes are truncated, as Apache htpasswd and OpenBSD do, instead of being refused.
    private static final BCrypt.Verifyer VERIFYER =
            BCrypt.verifyer(BCrypt.Version.VERSION_2Y, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y));

    private final SecureRandom random = new SecureRandom();
    private Path file;
    private TenantId tenant;
    private WatchedFile<Users> users;
    private volatile Users lastRead;

    /** What was read from the file, and a dummy hash of its highest cost. */
    private record Users(HtpasswdFile entries, char[] dummyHash) {}

    @Override
    public String name() {
        return "htpasswd";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of(FILE, TENANT);
    }

    @Override
    public void init(PluginConfig config) throws PluginConfigException {
        file = config.requirePath(FILE);
        try {
            tenant = config.get(TENANT).map(TenantId::of).orElse(TenantId.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(name(), "setting 'tenant': " + e.getMessage(), e);
        }
        try {
            users = WatchedFile.read(file, this::parse);
        } catch (IOException e) {
            throw new PluginConfigException(name(), "cannot read " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(name(), file + " " + e.getMessage(), e);
        }
        LOG.info(() ->
                "htpasswd: " + lastRead.entries().hashes().size() + " user(s) from " + file + " for tenant " + tenant);
    }

    @Override
    public AuthenticationResult check(AuthenticationAttempt attempt) {
        Users current = current();
        String hash = current.entries().hashes().get(attempt.username());
        char[] password = attempt.password().chars();
        try {
            if (hash == null) {
                VERIFYER.verify(password, current.dummyHash());
                return AuthenticationResult.unknownUser("htpasswd: no user " + attempt.username() + " in " + file);
            }
            if (VERIFYER.verify(password, hash.toCharArray()).verified) {
                return AuthenticationResult.accepted(
                        new AuthenticatedPrincipal(tenant, CredentialId.of(attempt.username())),
                        "htpasswd: password of " + attempt.username() + " verified");
            }
            return AuthenticationResult.rejected("htpasswd: wrong password for " + attempt.username());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Users current() {
        try {
            return users.current();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalStateException("htpasswd: " + e.getMessage(), e);
        }
    }

    // Parses a fresh read of the file; a new dummy hash only when the highest cost changed (bcrypt is slow on purpose).
    private Users parse(List<String> lines) {
        HtpasswdFile entries = HtpasswdFile.parse(lines);
        Users previous = lastRead;
        char[] dummy = previous != null && previous.entries().maxCost() == entries.maxCost()
                ? previous.dummyHash()
                : dummyHash(entries.maxCost());
        Users fresh = new Users(entries, dummy);
        lastRead = fresh;
        if (previous != null) {
            LOG.info(() -> "htpasswd: reloaded " + entries.hashes().size() + " user(s) from " + file);
        }
        return fresh;
    }

    private char[] dummyHash(int cost) {
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        return BCrypt.with(BCrypt.Version.VERSION_2Y)
                .hashToChar(cost, Base64.getEncoder().encodeToString(secret).toCharArray());
    }
}
