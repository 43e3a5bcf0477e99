package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import io.outpost.relay.smtp.auth.AuthThrottle;
import io.outpost.relay.smtp.auth.Authenticator;
import io.outpost.relay.smtp.auth.SenderPolicy;
import io.outpost.relay.smtp.auth.SendingLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * All limits and settings of the SMTP listener, one immutable value built by the caller from configuration.
 *
 * @param hostname the domain name in the greeting, EHLO reply and Received fields
 * @param maxCommandLineOctets longest command line including CRLF; at least 512 (RFC 5321 §4.5.3.1.4)
 * @param maxMessageOctets largest message accepted, advertised as SIZE (RFC 1870)
 * @param maxRecipients recipients per transaction; RFC 5321 §4.5.3.1.8 asks servers to take at least 100
 * @param commandTimeout how long to wait for the next command (RFC 5321 §4.5.3.2.7)
 * @param dataTimeout how long to wait for each block of message data (RFC 5321 §4.5.3.2.5, §4.5.3.2.6)
 * @param maxConnections concurrent connections in total
 * @param maxConnectionsPerClient concurrent connections from one IP address
 * @param bareLineEndings what DATA does with a CR or LF outside a CRLF pair
 * @param relayPolicy who may relay where
 * @param lookUpClientNames whether to record the client's reverse DNS name in Received fields
 * @param tls the server certificate and keys; absent, STARTTLS is not offered and neither is AUTH
 * @param authenticator checks AUTH credentials; absent, AUTH is not offered
 * @param authThrottle counts failed AUTH attempts across all connections of the listener
 * @param senderPolicy which senders and From: domains an authenticated identity may use
 * @param sendingLimits per-identity limits on messages and recipients
 */
public record SmtpSettings(
        String hostname,
        int maxCommandLineOctets,
        long maxMessageOctets,
        int maxRecipients,
        Duration commandTimeout,
        Duration dataTimeout,
        int maxConnections,
        int maxConnectionsPerClient,
        BareLineEndingPolicy bareLineEndings,
        RelayPolicy relayPolicy,
        boolean lookUpClientNames,
        Optional<SSLContext> tls,
        Optional<Authenticator> authenticator,
        AuthThrottle authThrottle,
        SenderPolicy senderPolicy,
        SendingLimits sendingLimits) {

    /** RFC 5321 §4.5.3.1.4: a server must accept command lines of 512 octets including CRLF. */
    public static final int MIN_COMMAND_LINE_OCTETS = 512;

    public SmtpSettings {
        if (hostname == null) {
            throw new IllegalArgumentException("hostname is required");
        }
        // RFC 5321 §4.1.1.1 and §4.4: the name in the greeting and in Received "by" must be a domain.
        Domain.of(hostname);
        if (maxCommandLineOctets < MIN_COMMAND_LINE_OCTETS) {
            throw new IllegalArgumentException("maxCommandLineOctets must be at least 512 (RFC 5321 §4.5.3.1.4)");
        }
        requirePositive(maxMessageOctets, "maxMessageOctets");
        requirePositive(maxRecipients, "maxRecipients");
        requirePositive(maxConnections, "maxConnections");
        requirePositive(maxConnectionsPerClient, "maxConnectionsPerClient");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(dataTimeout, "dataTimeout");
        Objects.requireNonNull(bareLineEndings, "bareLineEndings");
        Objects.requireNonNull(relayPolicy, "relayPolicy");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(authThrottle, "authThrottle");
        Objects.requireNonNull(senderPolicy, "senderPolicy");
        Objects.requireNonNull(sendingLimits, "sendingLimits");
    }

    /**
     * Safe defaults: 512-octet command lines, 25 MiB messages, 100 recipients, 5-minute timeouts, 200 connections (10
     * per client), bare line endings refused, nothing trusted, reverse DNS looked up, no TLS and no AUTH, the default
     * {@link AuthThrottle} limits, every sender allowed and no sending limits.
     */
    public static SmtpSettings defaults(String hostname) {
        return new SmtpSettings(
                hostname,
                MIN_COMMAND_LINE_OCTETS,
                25L * 1024 * 1024,
                100,
                Duration.ofMinutes(5),
                // RFC 5321 §4.5.3.2.5/6: clients wait 3 and 10 minutes; 5 minutes between blocks is generous enough.
                Duration.ofMinutes(5),
                200,
                10,
                BareLineEndingPolicy.REJECT,
                RelayPolicy.nothingTrusted(),
                true,
                Optional.empty(),
                Optional.empty(),
                AuthThrottle.withDefaultLimits(),
                SenderPolicy.ALLOW_ALL,
                SendingLimits.UNLIMITED);
    }

    public SmtpSettings withMaxMessageOctets(long value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                value,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                tls,
                authenticator,
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    public SmtpSettings withMaxRecipients(int value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                value,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                tls,
                authenticator,
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    public SmtpSettings withTimeouts(Duration command, Duration data) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                command,
                data,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                tls,
                authenticator,
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    public SmtpSettings withConnectionLimits(int total, int perClient) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                total,
                perClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                tls,
                authenticator,
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    public SmtpSettings withBareLineEndings(BareLineEndingPolicy value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                value,
                relayPolicy,
                lookUpClientNames,
                tls,
                authenticator,
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    public SmtpSettings withRelayPolicy(RelayPolicy value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                value,
                lookUpClientNames,
                tls,
                authenticator,
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    public SmtpSettings withLookUpClientNames(boolean value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                value,
                tls,
                authenticator,
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    /** Offers STARTTLS, and implicit TLS where the server listens for it (RFC 3207, RFC 8314). */
    public SmtpSettings withTls(SSLContext value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                Optional.of(value),
                authenticator,
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    /** Offers AUTH PLAIN and LOGIN over TLS (RFC 4954). */
    public SmtpSettings withAuthenticator(Authenticator value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                tls,
                Optional.of(value),
                authThrottle,
                senderPolicy,
                sendingLimits);
    }

    /** Shares this throttle, for example one with a test clock or one the admin API reads. */
    public SmtpSettings withAuthThrottle(AuthThrottle value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                tls,
                authenticator,
                value,
                senderPolicy,
                sendingLimits);
    }

    /** Binds authenticated identities to the senders they own. */
    public SmtpSettings withSenderPolicy(SenderPolicy value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                tls,
                authenticator,
                authThrottle,
                value,
                sendingLimits);
    }

    /** Limits what authenticated identities may send. */
    public SmtpSettings withSendingLimits(SendingLimits value) {
        return new SmtpSettings(
                hostname,
                maxCommandLineOctets,
                maxMessageOctets,
                maxRecipients,
                commandTimeout,
                dataTimeout,
                maxConnections,
                maxConnectionsPerClient,
                bareLineEndings,
                relayPolicy,
                lookUpClientNames,
                tls,
                authenticator,
                authThrottle,
                senderPolicy,
                value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
