package io.outpost.web.security;

import jakarta.security.enterprise.credential.Credential;

/** An API key presented as a Bearer token, {@code keyId.secret}: what {@link ApiKeyIdentityStore} validates. */
public final class ApiKeyCredential implements Credential {

    private final String key;

    public ApiKeyCredential(String key) {
        this.key = key;
    }

    /** The whole key as presented: secret, never to be logged. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyCredential[(hidden)]";
    }
}
