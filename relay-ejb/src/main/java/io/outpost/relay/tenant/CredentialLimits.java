package io.outpost.relay.tenant;

/**
 * The sending limits of one SMTP credential or API key; {@code null} means unlimited.
 *
 * @param messagesPerHour messages accepted per hour (counted per server)
 * @param recipientsPerMessage recipients in one message
 */
public record CredentialLimits(Integer messagesPerHour, Integer recipientsPerMessage) {

    public static final CredentialLimits UNLIMITED = new CredentialLimits(null, null);

    public CredentialLimits {
        if ((messagesPerHour != null && messagesPerHour < 1)
                || (recipientsPerMessage != null && recipientsPerMessage < 1)) {
            throw new IllegalArgumentException("limits must be positive (or absent for unlimited)");
        }
    }
}
