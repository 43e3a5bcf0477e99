package io.outpost.relay.account;

/**
 * How a signed-in user is named where a message's submitter is (an API key's id, an SMTP user name): {@code
 * user:<address>}. A user's messages are the tenant's, under its limits; they are counted by no key's.
 */
public final class UserCredential {

    private static final String PREFIX = "user:";

    private UserCredential() {}

    public static String of(TenantUser user) {
        return PREFIX + AccountStore.folded(user.email());
    }

    /** True for a name {@link #of} made. */
    public static boolean names(String credential) {
        return credential.startsWith(PREFIX);
    }
}
