package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import java.time.Duration;
import java.util.Objects;

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
        boolean lookUpClientNames) {

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
    }

    /**
     * Safe defaults: 512-octet command lines, 25 MiB messages, 100 recipients, 5-minute timeouts, 200 connections (10
     * per client), bare line endings refused, nothing trusted, reverse DNS looked up.
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
                true);
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
                lookUpClientNames);
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
                lookUpClientNames);
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
                lookUpClientNames);
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
                lookUpClientNames);
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
                lookUpClientNames);
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
                lookUpClientNames);
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
