package io.outpost.relay.smtp;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.MessageStream;
import io.outpost.relay.content.Spool;
import io.outpost.relay.login.AuthThrottle;
import io.outpost.relay.plugin.SubmissionPipeline;
import io.outpost.relay.smtp.auth.Authenticator;
import io.outpost.relay.smtp.auth.Identity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * @param relayPolicy who submits (RFC 6409: a trusted network, perhaps on behalf of a tenant) rather than relays mail
 *     to a local domain; what each may send is the submission pipeline's to decide
 * @param lookUpClientNames whether to record the client's reverse DNS name in Received fields
 * @param tls the server certificate and keys; absent, STARTTLS is not offered and neither is AUTH
 * @param authenticator checks AUTH credentials; absent, AUTH is not offered
 * @param authThrottle counts failed AUTH attempts across all connections of the listener
 * @param submission the submission pipeline, asked at CONNECT, HELO, MAIL, RCPT and the end of the data: the relay's
 *     own rules (relay control among them) and the operator's policies, then at RCPT the suppression policies
 * @param spool where message data goes while it arrives: memory up to a threshold, then a file; it also holds the cap
 *     on message bytes in flight across all sessions
 * @param timeLimits totals per session, command line, data transfer and TLS handshake (slowloris)
 * @param unauthenticated the smaller size limit and the per-IP message rate for clients neither authenticated nor
 *     trusted
 * @param streamDefaults the stream a submitter's message goes on when its {@code X-Outpost-Stream} field names none
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
        SubmissionPipeline submission,
        Spool spool,
        SessionTimeLimits timeLimits,
        UnauthenticatedLimits unauthenticated,
        Function<Identity, MessageStream> streamDefaults) {

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
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(timeLimits, "timeLimits");
        Objects.requireNonNull(unauthenticated, "unauthenticated");
        Objects.requireNonNull(streamDefaults, "streamDefaults");
    }

    /**
     * Safe defaults: 512-octet command lines, 25 MiB messages, 100 recipients, 5-minute timeouts, 200 connections (10
     * per client), bare line endings refused, nothing trusted, reverse DNS looked up, no TLS and no AUTH, the default
     * {@link AuthThrottle} limits; a spool in a new temporary directory that keeps up to 1 MiB of a message in memory,
     * with 256 MiB in flight at most; the default {@link SessionTimeLimits} and {@link UnauthenticatedLimits};
     * everything on the transactional stream unless a message names another. No
     * submission pipeline: give one ({@link #withSubmission}), as without its relay-control rule every recipient is
     * accepted.
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
                SubmissionPipeline.NONE,
                Spool.temporary(1024 * 1024, 256L * 1024 * 1024),
                SessionTimeLimits.DEFAULTS,
                UnauthenticatedLimits.DEFAULTS,
                submitter -> MessageStream.TRANSACTIONAL);
    }

    public SmtpSettings withMaxCommandLineOctets(int value) {
        return copy(b -> b.maxCommandLineOctets = value);
    }

    public SmtpSettings withMaxMessageOctets(long value) {
        return copy(b -> b.maxMessageOctets = value);
    }

    public SmtpSettings withMaxRecipients(int value) {
        return copy(b -> b.maxRecipients = value);
    }

    public SmtpSettings withTimeouts(Duration command, Duration data) {
        return copy(b -> {
            b.commandTimeout = command;
            b.dataTimeout = data;
        });
    }

    public SmtpSettings withConnectionLimits(int total, int perClient) {
        return copy(b -> {
            b.maxConnections = total;
            b.maxConnectionsPerClient = perClient;
        });
    }

    public SmtpSettings withBareLineEndings(BareLineEndingPolicy value) {
        return copy(b -> b.bareLineEndings = value);
    }

    public SmtpSettings withRelayPolicy(RelayPolicy value) {
        return copy(b -> b.relayPolicy = value);
    }

    public SmtpSettings withLookUpClientNames(boolean value) {
        return copy(b -> b.lookUpClientNames = value);
    }

    public SmtpSettings withTls(SSLContext value) {
        return copy(b -> b.tls = Optional.of(value));
    }

    public SmtpSettings withAuthenticator(Authenticator value) {
        return copy(b -> b.authenticator = Optional.of(value));
    }

    public SmtpSettings withAuthThrottle(AuthThrottle value) {
        return copy(b -> b.authThrottle = value);
    }

    public SmtpSettings withSubmission(SubmissionPipeline value) {
        return copy(b -> b.submission = value);
    }

    public SmtpSettings withSpool(Spool value) {
        return copy(b -> b.spool = value);
    }

    public SmtpSettings withTimeLimits(SessionTimeLimits value) {
        return copy(b -> b.timeLimits = value);
    }

    public SmtpSettings withUnauthenticatedLimits(UnauthenticatedLimits value) {
        return copy(b -> b.unauthenticated = value);
    }

    public SmtpSettings withStreamDefaults(Function<Identity, MessageStream> value) {
        return copy(b -> b.streamDefaults = value);
    }

    /** This value with {@code change} applied; the canonical constructor validates the result. */
    private SmtpSettings copy(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The components of a settings value, open for one change at a time. */
    private static final class Copy {
        private String hostname;
        private int maxCommandLineOctets;
        private long maxMessageOctets;
        private int maxRecipients;
        private Duration commandTimeout;
        private Duration dataTimeout;
        private int maxConnections;
        private int maxConnectionsPerClient;
        private BareLineEndingPolicy bareLineEndings;
        private RelayPolicy relayPolicy;
        private boolean lookUpClientNames;
        private Optional<SSLContext> tls;
        private Optional<Authenticator> authenticator;
        private AuthThrottle authThrottle;
        private SubmissionPipeline submission;
        private Spool spool;
        private SessionTimeLimits timeLimits;
        private UnauthenticatedLimits unauthenticated;
        private Function<Identity, MessageStream> streamDefaults;

        Copy(SmtpSettings from) {
            hostname = from.hostname;
            maxCommandLineOctets = from.maxCommandLineOctets;
            maxMessageOctets = from.maxMessageOctets;
            maxRecipients = from.maxRecipients;
            commandTimeout = from.commandTimeout;
            dataTimeout = from.dataTimeout;
            maxConnections = from.maxConnections;
            maxConnectionsPerClient = from.maxConnectionsPerClient;
            bareLineEndings = from.bareLineEndings;
            relayPolicy = from.relayPolicy;
            lookUpClientNames = from.lookUpClientNames;
            tls = from.tls;
            authenticator = from.authenticator;
            authThrottle = from.authThrottle;
            submission = from.submission;
            spool = from.spool;
            timeLimits = from.timeLimits;
            unauthenticated = from.unauthenticated;
            streamDefaults = from.streamDefaults;
        }

        SmtpSettings build() {
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
                    submission,
                    spool,
                    timeLimits,
                    unauthenticated,
                    streamDefaults);
        }
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
