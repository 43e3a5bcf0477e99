package io.outpost.relay.tenant;

import java.util.Objects;

/**
 * What the store says of an SMTP credential or API key right now, as intake needs it for every message: whether it
 * may still send, and within which limits.
 */
public sealed interface CredentialState {

    /** Not revoked: it may send, within {@code limits}. */
    record Active(CredentialLimits limits) implements CredentialState {
        public Active {
            Objects.requireNonNull(limits, "limits (CredentialLimits.UNLIMITED for none)");
        }
    }

    /** Revoked (or, for an API key, unknown): nothing more may be sent with it. */
    record Inactive() implements CredentialState {}

    /**
     * Not one of the store's SMTP credentials: a user an authentication plugin accepted, or a trusted network. The
     * store neither revokes nor limits it; its plugin or network setting is what governs it.
     */
    record NotStored() implements CredentialState {}
}
