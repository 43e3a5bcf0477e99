package io.outpost.plugin.htpasswd;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.outpost.api.plugin.AuthenticatedPrincipal;
import io.outpost.api.plugin.AuthenticationAttempt;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
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
    private volatile Snapshot snapshot;

    /** What was read from the file, with the stamp it had then and a dummy hash of its highest cost. */
    private record Snapshot(FileTime modified, long size, HtpasswdFile entries, char[] dummyHash) {}

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
            snapshot = read();
        } catch (IOException e) {
            throw new PluginConfigException(name(), "cannot read " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(name(), file + " " + e.getMessage(), e);
        }
        LOG.info(() ->
                "htpasswd: " + snapshot.entries().hashes().size() + " user(s) from " + file + " for tenant " + tenant);
    }

    @Override
    public AuthenticationResult check(AuthenticationAttempt attempt) {
        Snapshot current = current();
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

    private Snapshot current() {
        Snapshot known = snapshot;
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("htpasswd: cannot read " + file, e);
        }
        if (attributes.lastModifiedTime().equals(known.modified()) && attributes.size() == known.size()) {
            return known;
        }
        synchronized (this) {
            known = snapshot;
            if (attributes.lastModifiedTime().equals(known.modified()) && attributes.size() == known.size()) {
                return known;
            }
            try {
                Snapshot fresh = read();
                snapshot = fresh;
                LOG.info(() -> "htpasswd: reloaded " + fresh.entries().hashes().size() + " user(s) from " + file);
                return fresh;
            } catch (IOException e) {
                throw new UncheckedIOException("htpasswd: cannot read " + file, e);
            } catch (IllegalArgumentException e) {
                // Not stored: the next call reads the file again, so a fix takes effect at once.
                throw new IllegalStateException("htpasswd: " + file + " " + e.getMessage(), e);
            }
        }
    }

    private Snapshot read() throws IOException {
        // The stamp is taken before the content: a write in between makes the next call read the file again.
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        HtpasswdFile entries = HtpasswdFile.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        Snapshot previous = snapshot;
        char[] dummy = previous != null && previous.entries().maxCost() == entries.maxCost()
                ? previous.dummyHash()
                : dummyHash(entries.maxCost());
        return new Snapshot(attributes.lastModifiedTime(), attributes.size(), entries, dummy);
    }

    private char[] dummyHash(int cost) {
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        return BCrypt.with(BCrypt.Version.VERSION_2Y)
                .hashToChar(cost, Base64.getEncoder().encodeToString(secret).toCharArray());
    }
}
