package io.outpost.api.tenant;

/**
 * The name of one credential of a tenant (an SMTP AUTH user name, an API key's name): 1 to 255 printable characters
 * without white space, so it can be written in a log line or a {@code Received} header without escaping. Never the
 * secret itself.
 */
public record CredentialId(String value) {

    public static final int MAX_LENGTH = 255;

    public CredentialId {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("credential id must be 1-255 characters");
        }
        if (!value.codePoints().allMatch(c -> c > 0x20 && c != 0x7f)) {
            throw new IllegalArgumentException("credential id may not contain white space or control characters");
        }
    }

    public static CredentialId of(String value) {
        return new CredentialId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
