package io.outpost.relay.config;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.CredentialId;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.bounce.BounceRules;
import io.outpost.relay.queue.QueueRetention;
import io.outpost.relay.reputation.RateThresholds;
import io.outpost.relay.sending.DomainEventRetention;
import io.outpost.relay.smtp.BareLineEndingPolicy;
import io.outpost.relay.suppression.SoftBounceRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Typed access to the {@code outpost.*} settings. server.xml declares each with its default, so a missing one is a
 * packaging error; docs/configuration.md describes them.
 */
@ApplicationScoped
public class RelayConfiguration {

    private final Config config;

    /**
     * Each setting's text as first read: they are fixed while the server runs, and some are read for every request
     * (the message size limit, say), where a look-up through every config source showed in profiles.
     */
    private final Map<String, String> texts = new ConcurrentHashMap<>();

    public RelayConfiguration() {
        this(ConfigProvider.getConfig());
    }

    RelayConfiguration(Config config) {
        this.config = config;
    }

    /** The name this server gives itself in greetings, Received headers, EHLO and DSNs. */
    public String hostname() {
        return text("outpost.hostname");
    }

    /** Identifies this server's claims on the shared queue. */
    public String nodeId() {
        return text("outpost.node.id");
    }

    public String databaseKind() {
        return text("outpost.db.kind");
    }

    public InetSocketAddress smtpBindAddress() {
        return new InetSocketAddress(text("outpost.smtp.address"), port("outpost.smtp.port"));
    }

    public long smtpMaxMessageSize() {
        return positiveLong("outpost.smtp.max-message-size");
    }

    /** Where message data beyond {@link #smtpSpoolThreshold()} waits on disk: scratch space, cleaned at start-up. */
    public Path smtpSpoolDirectory() {
        return Path.of(text("outpost.smtp.spool-dir"));
    }

    /** Octets of one message kept in memory; a larger message goes to a spool file. */
    public int smtpSpoolThreshold() {
        return positiveInt("outpost.smtp.spool-threshold");
    }

    /**
     * Octets all sessions together may hold in memory for messages; past it DATA and BDAT get 452 4.3.1. At least the
     * spool threshold, which each message reserves: below it no message could ever be accepted.
     */
    public long smtpMaxBytesInFlight() {
        long value = positiveLong("outpost.smtp.max-bytes-in-flight");
        if (value < smtpSpoolThreshold()) {
            throw new InvalidSettingException(
                    "outpost.smtp.max-bytes-in-flight", Long.toString(value), "at least outpost.smtp.spool-threshold");
        }
        return value;
    }

    /** Largest HTTP request body in octets; a larger one is refused with 413 before it is parsed. */
    public long httpMaxRequestSize() {
        return positiveLong("outpost.http.max-request-size");
    }

    public int smtpMaxRecipients() {
        return positiveInt("outpost.smtp.max-recipients");
    }

    public int smtpMaxLineLength() {
        return positiveInt("outpost.smtp.max-line-length");
    }

    public Duration smtpCommandTimeout() {
        return duration("outpost.smtp.command-timeout");
    }

    public Duration smtpDataTimeout() {
        return duration("outpost.smtp.data-timeout");
    }

    public int smtpMaxConnections() {
        return positiveInt("outpost.smtp.max-connections");
    }

    public int smtpMaxConnectionsPerClient() {
        return positiveInt("outpost.smtp.max-connections-per-client");
    }

    /** {@code reject} (the default) or {@code normalise}. */
    public BareLineEndingPolicy smtpBareLineEndings() {
        String value = text("outpost.smtp.bare-line-endings");
        try {
            return BareLineEndingPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("outpost.smtp.bare-line-endings", value, "reject or normalise");
        }
    }

    /**
     * The trusted networks; none by default. In the {@code dev} profile, when none are set, the loopback addresses, so
     * the README's first message is taken from this machine (and captured: {@link #captureAll()}).
     */
    public List<String> smtpTrustedNetworks() {
        List<String> configured = list("outpost.smtp.trusted-networks");
        return configured.isEmpty() && profile() == Profile.DEV ? List.of("127.0.0.0/8", "::1/128") : configured;
    }

    /**
     * How long the HTTP API remembers an {@code Idempotency-Key} and the answer its first request got: at least a day,
     * so a client's retries over a whole day's outage are still recognised.
     */
    public Duration httpIdempotencyWindow() {
        Duration window = duration("outpost.http.idempotency-window");
        if (window.compareTo(Duration.ofHours(24)) < 0) {
            throw new InvalidSettingException(
                    "outpost.http.idempotency-window", text("outpost.http.idempotency-window"), "at least 24h");
        }
        return window;
    }

    /** How the defaults are chosen: {@code production} (safe: nothing trusted, everything delivered) or {@code dev}. */
    public enum Profile {
        PRODUCTION,
        /** For a developer's machine: loopback trusted, every message captured by the sandbox and never delivered. */
        DEV
    }

    public Profile profile() {
        String value = text("outpost.profile");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "production" -> Profile.PRODUCTION;
            case "dev" -> Profile.DEV;
            default -> throw new InvalidSettingException("outpost.profile", value, "production or dev");
        };
    }

    /**
     * True if every message of the server is captured by the sandbox (kept as it would leave, never delivered):
     * {@code outpost.capture=all}, or by default in the {@code dev} profile; {@code none} captures only the messages of
     * tenants whose capture is on.
     */
    public boolean captureAll() {
        String value = text("outpost.capture");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "" -> profile() == Profile.DEV;
            case "all" -> true;
            case "none" -> false;
            default -> throw new InvalidSettingException("outpost.capture", value, "all or none");
        };
    }

    /**
     * Where recipients' mail clients reach the tracking endpoints ({@code /t/…}), without a trailing slash: {@code
     * outpost.tracking.base-url}, by default {@code https://<outpost.hostname>}, or in the {@code dev} profile {@code
     * http://<outpost.hostname>:<outpost.http.port>}. An http or https URL with a host, and no query or fragment.
     */
    public String trackingBaseUrl() {
        String name = "outpost.tracking.base-url";
        String value = text(name);
        if (value.isEmpty()) {
            return profile() == Profile.DEV
                    ? "http://" + hostname() + ":" + text("outpost.http.port")
                    : "https://" + hostname();
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http"))
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new InvalidSettingException(
                        name, value, "an http or https URL such as https://click.example.com");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(name, value, "an http or https URL such as https://click.example.com");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** How soon after delivery a click counts as a link scanner's ({@code outpost.tracking.scanner-window}). */
    public Duration trackingScannerWindow() {
        return duration("outpost.tracking.scanner-window");
    }

    /** How long a double opt-in's confirmation link can be followed ({@code outpost.audiences.confirm-link-lifetime}). */
    public Duration audiencesConfirmLinkLifetime() {
        return duration("outpost.audiences.confirm-link-lifetime");
    }

    /**
     * How many subscribers a campaign's sender queues in one turn ({@code outpost.campaigns.batch-size}), at most as
     * many as a batch of the HTTP API.
     */
    public int campaignsBatchSize() {
        String name = "outpost.campaigns.batch-size";
        int size = positiveInt(name);
        if (size > 1_000) {
            throw new InvalidSettingException(name, text(name), "a whole number from 1 to 1000");
        }
        return size;
    }

    /** How often each node's campaign sender looks for due campaigns ({@code outpost.campaigns.interval}). */
    public Duration campaignsInterval() {
        return positiveDuration("outpost.campaigns.interval");
    }

    public List<String> smtpLocalDomains() {
        return list("outpost.smtp.local-domains");
    }

    /** The implicit-TLS submission port (RFC 8314 §3), or empty when {@code 0}. */
    public Optional<InetSocketAddress> smtpImplicitTlsAddress() {
        String name = "outpost.smtp.implicit-tls-port";
        if (text(name).equals("0")) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(text("outpost.smtp.address"), port(name)));
    }

    /** How long a TLS handshake (STARTTLS or implicit TLS) may take in all. */
    public Duration smtpTlsHandshakeTimeout() {
        return duration("outpost.smtp.tls-handshake-timeout");
    }

    /** How long one SMTP connection may last in all. */
    public Duration smtpMaxSessionDuration() {
        return duration("outpost.smtp.max-session-duration");
    }

    /** How long one command line may take from its first octet to its CRLF. */
    public Duration smtpCommandTimeLimit() {
        return duration("outpost.smtp.command-time-limit");
    }

    /** How long one DATA transfer, or one BDAT chunk, may take in all. */
    public Duration smtpDataTimeLimit() {
        return duration("outpost.smtp.data-time-limit");
    }

    /** The largest message a client neither authenticated nor trusted may send. */
    public long smtpMaxUnauthenticatedMessageSize() {
        return positiveLong("outpost.smtp.max-unauthenticated-message-size");
    }

    /** Messages a client neither authenticated nor trusted may start per minute and IP address. */
    public int smtpUnauthenticatedMessagesPerMinute() {
        return positiveInt("outpost.smtp.unauthenticated-messages-per-minute");
    }

    /** The id of the Liberty {@code <ssl>} configuration whose key and certificate SMTP presents. */
    public String tlsSslRef() {
        return text("outpost.tls.ssl-ref");
    }

    /** The authentication checks to run, in order. */
    public List<String> pluginsAuthentication() {
        return list("outpost.plugins.authentication");
    }

    /** The suppression policies to ask at RCPT and before each delivery attempt, in order. */
    public List<String> pluginsSuppression() {
        return list("outpost.plugins.suppression");
    }

    /** The submission policies asked at CONNECT, HELO, MAIL, RCPT and MESSAGE, in order. */
    public List<String> pluginsSubmission() {
        return list("outpost.plugins.submission");
    }

    /** The blocklist monitors the blocklist watch asks about each outbound address and sending domain, in order. */
    public List<String> pluginsBlocklist() {
        return list("outpost.plugins.blocklist");
    }

    /** Longest one blocklist monitor may take over one target (it may ask several lists). */
    public Duration blocklistTimeLimit() {
        return duration("outpost.blocklist.time-limit");
    }

    /** How often every outbound address and sending domain is looked up in the blocklists. */
    public Duration blocklistInterval() {
        return duration("outpost.blocklist.interval");
    }

    /** Whether bulk mail waits while its sending domain, or an outbound address, is listed. */
    public boolean blocklistPausesBulk() {
        return bool("outpost.blocklist.pause-bulk");
    }

    public Duration pluginsTimeLimit() {
        return duration("outpost.plugins.time-limit");
    }

    /** How many plugin calls may run at once; past that a call fails closed at once. */
    public int pluginsMaxConcurrentCalls() {
        return positiveInt("outpost.plugins.max-concurrent-calls");
    }

    /**
     * Each enabled plugin's settings: the variables named {@code outpost.plugin.<name>.<key>}. Keys a plugin does not
     * know stop the start-up (the registry checks them).
     */
    public Map<String, Map<String, String>> pluginSettings(List<String> pluginNames) {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String name : pluginNames) {
            String prefix = "outpost.plugin." + name + ".";
            Map<String, String> values = new LinkedHashMap<>();
            for (String property : config.getPropertyNames()) {
                if (property.startsWith(prefix)) {
                    values.put(property.substring(prefix.length()), text(property));
                }
            }
            settings.put(name, values);
        }
        return settings;
    }

    /** The admin account created at first start. */
    public String bootstrapAdminUser() {
        return text("outpost.bootstrap.admin-user");
    }

    /** The admin account's password; empty means: create no admin account. A secret: never log it. */
    public char[] bootstrapAdminPassword() {
        return secret("outpost.bootstrap.admin-password");
    }

    /** The demo tenant to create at start if absent, if any. */
    public Optional<TenantId> bootstrapTenant() {
        String value = text("outpost.bootstrap.tenant");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TenantId.of(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("outpost.bootstrap.tenant", value, "a tenant id (a-z 0-9 . _ -)");
        }
    }

    public List<Domain> bootstrapTenantDomains() {
        String name = "outpost.bootstrap.tenant-domains";
        List<Domain> domains = new ArrayList<>();
        for (String value : list(name)) {
            try {
                domains.add(Domain.of(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(name, value, "domain names");
            }
        }
        return List.copyOf(domains);
    }

    /** The demo tenant's SMTP user to create at start if absent, if any. */
    public Optional<CredentialId> bootstrapSmtpUser() {
        String value = text("outpost.bootstrap.smtp-user");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CredentialId.of(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("outpost.bootstrap.smtp-user", value, "a user name without spaces");
        }
    }

    /** The demo SMTP user's password. A secret: never log it. */
    public char[] bootstrapSmtpPassword() {
        return secret("outpost.bootstrap.smtp-password");
    }

    public int queueCommitBatch() {
        return positiveInt("outpost.queue.commit-batch");
    }

    /** How long done messages keep their content, then their rows, and how many a sweep handles per transaction. */
    public QueueRetention retention() {
        return new QueueRetention(
                duration("outpost.retention.content"),
                duration("outpost.retention.records"),
                positiveInt("outpost.retention.batch"));
    }

    /** How webhooks are sent: which URLs are allowed, on how many threads, retried how. */
    public WebhookSettings webhooks() {
        return new WebhookSettings(
                bool("outpost.webhooks.allow-http"),
                bool("outpost.webhooks.allow-private-addresses"),
                positiveInt("outpost.webhooks.threads"),
                duration("outpost.webhooks.retry.initial"),
                duration("outpost.webhooks.retry.max"),
                duration("outpost.webhooks.give-up-after"),
                duration("outpost.retention.records"));
    }

    /** A sending domain's events are kept as long as the queue's records (outpost.retention.records). */
    public DomainEventRetention domainEventRetention() {
        return new DomainEventRetention(duration("outpost.retention.records"), positiveInt("outpost.retention.batch"));
    }

    /**
     * The bounce classification: the operator's rules from {@code outpost.bounces.rules-file}, if set, before the
     * built-in ones.
     *
     * @throws InvalidSettingException naming the file and line that cannot be read as rules
     */
    public BounceRules bounceRules() {
        String name = "outpost.bounces.rules-file";
        String file = text(name);
        if (file.isEmpty()) {
            return BounceRules.BUILT_IN;
        }
        try {
            return BounceRules.parse(Files.readString(Path.of(file)), file).before(BounceRules.BUILT_IN);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException(name, file, "a readable file of bounce rules: " + e.getMessage());
        }
    }

    /** Messages to return paths one client may send a minute ({@code outpost.returns.reports-per-minute}). */
    public int returnsReportsPerMinute() {
        return positiveInt("outpost.returns.reports-per-minute");
    }

    /** When soft bounces put an address on its tenant's list ({@code outpost.bounces.soft-*}). */
    public SoftBounceRule softBounceRule() {
        return new SoftBounceRule(
                positiveInt("outpost.bounces.soft-limit"),
                positiveDuration("outpost.bounces.soft-window"),
                positiveDuration("outpost.bounces.soft-suppress-for"));
    }

    /** When a sending domain's bulk mail pauses for its complaint or hard-bounce rate ({@code outpost.reputation.*}). */
    public RateThresholds reputationThresholds() {
        Duration window = duration("outpost.reputation.window");
        if (window.toDays() < 1 || !window.equals(Duration.ofDays(window.toDays()))) {
            throw new InvalidSettingException(
                    "outpost.reputation.window", text("outpost.reputation.window"), "whole days, such as 2d");
        }
        return new RateThresholds(
                fraction("outpost.reputation.complaint-rate"),
                fraction("outpost.reputation.hard-bounce-rate"),
                positiveLong("outpost.reputation.min-delivered"),
                (int) window.toDays());
    }

    /** How often each node checks the rates and reads the pauses. */
    public Duration reputationCheckInterval() {
        return duration("outpost.reputation.check-interval");
    }

    public int deliveryPort() {
        return port("outpost.delivery.port");
    }

    public String deliveryTransportMap() {
        return text("outpost.delivery.transport-map");
    }

    /** The DNS resolvers to ask, {@code host[:port]} each; empty means the system's. */
    public List<InetSocketAddress> deliveryDnsServers() {
        return list("outpost.delivery.dns-servers").stream()
                .map(entry -> hostAndPort("outpost.delivery.dns-servers", entry, 53))
                .toList();
    }

    public Duration deliveryDnsTimeout() {
        return duration("outpost.delivery.dns-timeout");
    }

    /**
     * Whether delivery may connect to loopback, private, link-local and other special-purpose addresses that MX or
     * A/AAAA answers name; the transport map may always name them.
     */
    public boolean deliveryAllowPrivateAddresses() {
        return bool("outpost.delivery.allow-private-addresses");
    }

    public int deliveryWorkers() {
        return positiveInt("outpost.delivery.workers");
    }

    public int deliveryClaimBatch() {
        return positiveInt("outpost.delivery.claim-batch");
    }

    public Duration deliveryPollInterval() {
        return duration("outpost.delivery.poll-interval");
    }

    /** How long a claimed recipient stays with this node before another claim may take it. */
    public Duration deliveryLease() {
        return duration("outpost.delivery.lease");
    }

    public int deliveryConnectionsPerDestination() {
        return positiveInt("outpost.delivery.connections-per-destination");
    }

    public Duration deliveryConnectTimeout() {
        return duration("outpost.delivery.connect-timeout");
    }

    public Duration deliveryReadTimeout() {
        return duration("outpost.delivery.read-timeout");
    }

    public Duration retryInitial() {
        return duration("outpost.delivery.retry.initial");
    }

    public double retryFactor() {
        String name = "outpost.delivery.retry.factor";
        String value = text(name);
        try {
            double factor = Double.parseDouble(value);
            if (factor >= 1.0) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(name, value, "a number of at least 1");
    }

    public Duration retryMax() {
        return duration("outpost.delivery.retry.max");
    }

    public Duration retryLifetime() {
        return duration("outpost.delivery.retry.lifetime");
    }

    /** The file holding the operator's data-protection key; created with a random key on first start. */
    public Path dataKeyFile() {
        String value = text("outpost.secrets.data-key-file");
        if (value.isEmpty()) {
            throw new InvalidSettingException("outpost.secrets.data-key-file", value, "a file path");
        }
        return Path.of(value);
    }

    /** The addresses Outpost sends from, which sending domains authorise in SPF. */
    public List<InetAddress> domainsOutboundAddresses() {
        String name = "outpost.domains.outbound-addresses";
        List<InetAddress> addresses = new ArrayList<>();
        for (String entry : list(name)) {
            // Literals only: a host name here would be resolved once, silently, at start-up.
            if (!entry.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new InvalidSettingException(name, entry, "IPv4 or IPv6 addresses");
            }
            try {
                addresses.add(InetAddress.getByName(entry));
            } catch (UnknownHostException e) {
                throw new InvalidSettingException(name, entry, "IPv4 or IPv6 addresses");
            }
        }
        return List.copyOf(addresses);
    }

    /** An SPF record the operator runs for its outbound addresses, for sending domains to include; or empty. */
    public Optional<Domain> domainsSpfInclude() {
        return optionalDomain("outpost.domains.spf-include");
    }

    /** The host that receives mail for return-path (bounce) domains: the MX they must publish. */
    public Domain domainsBounceMxHost() {
        return optionalDomain("outpost.domains.bounce-mx-host").orElseGet(() -> Domain.of(hostname()));
    }

    /** The label put before a sending domain to make its default return-path domain, e.g. {@code bounces}. */
    public String domainsReturnPathLabel() {
        String name = "outpost.domains.return-path-label";
        String value = text(name);
        if (!value.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")) {
            throw new InvalidSettingException(name, value, "one lower-case DNS label");
        }
        return value;
    }

    /** Whether a sending domain may send only once its DKIM record is verified in DNS. */
    public boolean domainsRequireDkim() {
        return bool("outpost.domains.require-dkim");
    }

    /** {@code refuse} (the default) or {@code warn}: what to do with mail that would fail DMARC alignment. */
    public boolean domainsRefuseMisaligned() {
        String name = "outpost.domains.alignment";
        return switch (text(name).toLowerCase(Locale.ROOT)) {
            case "refuse" -> true;
            case "warn" -> false;
            default -> throw new InvalidSettingException(name, text(name), "refuse or warn");
        };
    }

    /** How often each sending domain's records are checked in DNS. */
    public Duration domainsCheckInterval() {
        return duration("outpost.domains.check-interval");
    }

    /** Whether new sending domains get an Ed25519 key besides the RSA one (RFC 8463 dual signing). */
    public boolean dkimEd25519() {
        return bool("outpost.dkim.ed25519");
    }

    /** How long a replaced DKIM selector stays published after rotation; at least the retry lifetime. */
    public Duration dkimRotationOverlap() {
        return duration("outpost.dkim.rotation-overlap");
    }

    /**
     * Whether the pre-send link check may fetch from loopback, private and other special addresses ({@code
     * outpost.checks.fetch-private-addresses}): off, so a tenant's links cannot reach into the operator's network.
     */
    public boolean checksFetchPrivateAddresses() {
        return bool("outpost.checks.fetch-private-addresses");
    }

    /** Where spamd listens for the pre-send SpamAssassin check ({@code outpost.checks.spamd}, host:port), if set. */
    public Optional<InetSocketAddress> checksSpamd() {
        String name = "outpost.checks.spamd";
        String value = text(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(hostAndPort(name, value, 783));
        } catch (IllegalArgumentException e) {
            // A port out of range: InetSocketAddress refuses it.
            throw new InvalidSettingException(name, value, "host:port");
        }
    }

    private Optional<Domain> optionalDomain(String name) {
        String value = text(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Domain.of(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(name, value, "a domain name");
        }
    }

    private boolean bool(String name) {
        return switch (text(name).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(name, text(name), "true or false");
        };
    }

    // Read each time, never kept with the other settings: the caller wipes the copy it gets once it has used it.
    private char[] secret(String name) {
        return config.getOptionalValue(name, String.class).orElse("").trim().toCharArray();
    }

    private String text(String name) {
        return texts.computeIfAbsent(name, unread -> config.getOptionalValue(unread, String.class)
                .orElse("")
                .trim());
    }

    private List<String> list(String name) {
        String value = text(name);
        return value.isEmpty()
                ? List.of()
                : Arrays.stream(value.split("[,\\s]+"))
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private Duration duration(String name) {
        return DurationSetting.parse(name, text(name));
    }

    private Duration positiveDuration(String name) {
        Duration value = duration(name);
        if (value.isZero() || value.isNegative()) {
            throw new InvalidSettingException(name, text(name), "a duration longer than zero, such as 30d");
        }
        return value;
    }

    // A rate such as 0.003 (0.3 %) or 0.3%: more than 0, less than 1.
    private double fraction(String name) {
        String value = text(name);
        try {
            double parsed = value.endsWith("%")
                    ? Double.parseDouble(value.substring(0, value.length() - 1).strip()) / 100
                    : Double.parseDouble(value);
            if (parsed > 0 && parsed < 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(name, value, "a rate between 0 and 1, such as 0.003 or 0.3%");
    }

    private int positiveInt(String name) {
        long value = positiveLong(name);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidSettingException(name, Long.toString(value), "a positive whole number");
        }
        return (int) value;
    }

    private long positiveLong(String name) {
        String value = text(name);
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(name, value, "a positive whole number");
    }

    private int port(String name) {
        int value = positiveInt(name);
        if (value > 65535) {
            throw new InvalidSettingException(name, Integer.toString(value), "a port from 1 to 65535");
        }
        return value;
    }

    private static InetSocketAddress hostAndPort(String name, String entry, int defaultPort) {
        int colon = entry.lastIndexOf(':');
        if (colon < 0 || entry.endsWith("]")) {
            return new InetSocketAddress(entry.replace("[", "").replace("]", ""), defaultPort);
        }
        try {
            String host = entry.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, Integer.parseInt(entry.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, entry, "host or host:port");
        }
    }
}
