package io.outpost.relay.smtp;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.smtp.auth.AuthResult;
import io.outpost.relay.smtp.auth.Authenticator;
import io.outpost.relay.smtp.auth.Identity;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake {@link Authenticator}: {@code alice} with password {@code secret} belongs to tenant-1; the user {@code outage}
 * gets a temporary failure; everything else is rejected. Keeps every password array it was handed, to check zeroing.
 */
final class FakeAuthenticator implements Authenticator {

    static final Identity ALICE = new Identity(TenantId.of("tenant-1"), "alice");

    private final List<char[]> passwordsSeen = new CopyOnWriteArrayList<>();

    @Override
    public AuthResult authenticate(String username, char[] password, InetAddress client) {
        passwordsSeen.add(password);
        if (username.equals("outage")) {
            return new AuthResult.TemporaryFailure("directory down (test)");
        }
        if (username.equals("alice") && Arrays.equals(password, "secret".toCharArray())) {
            return new AuthResult.Authenticated(ALICE);
        }
        return new AuthResult.Rejected();
    }

    List<char[]> passwordsSeen() {
        return List.copyOf(passwordsSeen);
    }
}
