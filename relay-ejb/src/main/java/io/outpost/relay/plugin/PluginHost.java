package io.outpost.relay.plugin;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.AuthenticationCheck;
import io.outpost.api.plugin.AuthenticationResult;
import io.outpost.api.plugin.Plugin;
import io.outpost.api.plugin.PluginDecision;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.relay.account.UserCredential;
import io.outpost.relay.audience.FormCredential;
import io.outpost.relay.blocklist.DnsblMonitor;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.DnsLookups;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.returns.ReturnPathAddresses;
import io.outpost.relay.rules.BuiltInRules;
import io.outpost.relay.rules.RelayControl;
import io.outpost.relay.sending.DomainKeys;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.sending.SigningProfiles;
import io.outpost.relay.smtp.LogText;
import io.outpost.relay.smtp.RelayPolicy;
import io.outpost.relay.suppression.AddressHash;
import io.outpost.relay.suppression.SuppressionListPolicy;
import io.outpost.relay.suppression.SuppressionLookup;
import io.outpost.relay.tenant.CredentialSendingLimits;
import io.outpost.relay.tenant.CredentialState;
import io.outpost.relay.tenant.CredentialStates;
import io.outpost.relay.tenant.CredentialStoreCheck;
import io.outpost.relay.tenant.RcptSuppression;
import io.outpost.relay.tenant.RevokedCredentialPolicy;
import io.outpost.relay.tenant.Secrets;
import io.outpost.relay.tenant.TenantSenderPolicy;
import io.outpost.relay.tenant.TenantStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The enabled plugins of the whole relay, started once: the SMTP listener asks the authentication checks, SMTP and HTTP
 * submission run the submission pipeline (the relay's own rules among the operator's policies, then the suppression
 * policies), delivery asks the suppression policies again, and the blocklist watch asks the blocklist monitors. Every call runs on one bounded pool of threads
 * ({@link BoundedPluginCalls}), so a plugin that hangs can hold at most that many threads, never the relay's.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PluginHost {

    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

    @Resource(lookup = "concurrent/outpost/smtpThreads")
    private ManagedThreadFactory threads;

    @Inject
    private RelayConfiguration config;

    @EJB
    private TenantStore tenants;

    @Inject
    private Secrets secrets;

    @Inject
    private SigningProfiles signingProfiles;

    @Inject
    private DomainKeys keys;

    @Inject
    private RcptSuppression rcptSuppression;

    @Inject
    private QueueCommits queue;

    @Inject
    private CredentialStates credentialStates;

    // The persistence unit's own data source, read outside JPA by the suppression lists' look-up (SuppressionLookup).
    @Resource(lookup = "jdbc/outpost")
    private DataSource dataSource;

    private RelayPolicy relayPolicy;
    private PluginRegistry plugins;
    private ExecutorService calls;
    private PluginChain<AuthenticationCheck, AuthenticationResult> authentication;
    private Suppression suppression;
    private SubmissionPipeline submission;
    private BlocklistChecks blocklist;
    private PluginOrder order;

    @PostConstruct
    void start() {
        // Read first: a bad setting must fail before plugins are started, as nothing would close them.
        int maxCalls = config.pluginsMaxConcurrentCalls();
        relayPolicy = RelayPolicy.of(
                config.smtpTrustedNetworks(),
                config.smtpLocalDomains().stream().map(Domain::of).toList());
        if (config.profile() == RelayConfiguration.Profile.DEV) {
            LOG.warning(() -> "outpost.profile=dev: trusted networks " + relayPolicy
                    + "; for a developer's machine, never a production relay");
        }
        Clock clock = Clock.systemUTC();
        List<Plugin> builtIns = new ArrayList<>();
        builtIns.add(new CredentialStoreCheck(tenants::activeCredential, tenants::recordCredentialUse, secrets, clock));
        builtIns.add(new DnsblMonitor(new DnsLookups(config.deliveryDnsServers(), config.deliveryDnsTimeout()), clock));
        builtIns.add(new SuppressionListPolicy(
                new SuppressionLookup(
                        dataSource, clock, new AddressHash(keys.dataKey().derive(AddressHash.KEY_PURPOSE))),
                rcptSuppression::refuses));
        List<SubmissionPolicy> rules = BuiltInRules.create(
                relayPolicy,
                new ReturnPathAddresses(
                        new ReturnPathToken(keys.dataKey().derive(ReturnPathToken.KEY_PURPOSE)),
                        queue::returnPathDomainOf,
                        queue::recipientsOf),
                new RevokedCredentialPolicy(
                        new TenantSenderPolicy(signingProfiles::domainNames), credentialStates::smtpCredential),
                new TenantSenderPolicy(signingProfiles::domainNames),
                new CredentialSendingLimits(credentialStates::smtpCredential, clock),
                // Counted by key id: each API key has its own limits, as each SMTP credential has. A hosted form's
                // confirmation messages have no key; the audiences limit them per address and per client. A signed-in
                // user's messages have no key either: the tenant's own limits hold them.
                new CredentialSendingLimits(
                        identity -> identity.username().equals(FormCredential.ID)
                                        || UserCredential.names(identity.username())
                                ? new CredentialState.NotStored()
                                : credentialStates.apiKey(identity.username()),
                        clock),
                new OutboundAuthentication(signingProfiles::find, new DkimSigner(), new MinimalPublicSuffixes()),
                config.domainsRequireDkim(),
                config.domainsRefuseMisaligned());
        BuiltInRules.requireIn(config.pluginsSubmission(), rules);
        builtIns.addAll(rules);
        plugins = load(builtIns);
        calls = BoundedPluginCalls.create(maxCalls, threads);
        Set<String> builtInNames = builtIns.stream().map(Plugin::name).collect(Collectors.toSet());
        authentication = PluginChain.authentication(
                plugins.authenticationChecks(), config.pluginsTimeLimit(), calls, PluginHost::log, clock);
        // The relay's own instances only, by identity: a jar's plugin of the same name or class runs on the pool.
        Set<Plugin> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(builtIns);
        suppression = new Suppression(
                PluginChain.suppression(
                        PluginPhase.RCPT,
                        plugins.suppressionPolicies(),
                        config.pluginsTimeLimit(),
                        calls,
                        PluginHost::log,
                        clock,
                        own::contains),
                PluginChain.suppression(
                        PluginPhase.PRE_DELIVERY,
                        plugins.suppressionPolicies(),
                        config.pluginsTimeLimit(),
                        calls,
                        PluginHost::log,
                        clock,
                        own::contains));
        submission = SubmissionPipeline.of(
                plugins.submissionPolicies(),
                rules,
                suppression,
                config.pluginsTimeLimit(),
                calls,
                PluginHost::log,
                clock);
        warnIfAskedBeforeRelayControl(submission.at(PluginPhase.RCPT), rules);
        // In the order a message meets them: at RCPT the submission policies come before the suppression policies.
        Map<PluginPhase, List<PluginOrder.Entry>> phases = new LinkedHashMap<>();
        for (PluginPhase phase : PluginPhase.values()) {
            List<Plugin> asked = new ArrayList<>(submission.at(phase));
            switch (phase) {
                case AUTH -> asked.addAll(plugins.authenticationChecks());
                case RCPT, PRE_DELIVERY -> asked.addAll(plugins.suppressionPolicies());
                case BLOCKLIST -> asked.addAll(plugins.blocklistMonitors());
                default -> {
                    // the submission policies only
                }
            }
            phases.put(phase, PluginOrder.entries(asked, builtInNames));
        }
        order = new PluginOrder(phases, config.pluginsTimeLimit(), maxCalls);
        blocklist = new BlocklistChecks(plugins.blocklistMonitors(), config.blocklistTimeLimit(), calls, clock);
    }

    // An operator's policy before relay control is asked about relay attempts too, and may answer them otherwise.
    private static void warnIfAskedBeforeRelayControl(List<SubmissionPolicy> atRcpt, List<SubmissionPolicy> rules) {
        for (SubmissionPolicy policy : atRcpt) {
            if (policy.name().equals(RelayControl.NAME)) {
                return;
            }
            if (!rules.contains(policy)) {
                LOG.warning(() -> "plugin " + policy.name() + " is asked at RCPT before relay-control: it sees relay"
                        + " attempts from anyone, and its refusals answer them; list it after relay-control unless"
                        + " that is meant");
            }
        }
    }

    private PluginRegistry load(List<Plugin> builtIns) {
        List<String> authenticationChecks = config.pluginsAuthentication();
        List<String> suppressionPolicies = config.pluginsSuppression();
        List<String> blocklistMonitors = config.pluginsBlocklist();
        List<String> submissionPolicies = config.pluginsSubmission();
        PluginSettings settings = PluginSettings.NONE
                .withAuthenticationChecks(authenticationChecks)
                .withSuppressionPolicies(suppressionPolicies)
                .withBlocklistMonitors(blocklistMonitors)
                .withSubmissionPolicies(submissionPolicies);
        List<String> enabled = new ArrayList<>(authenticationChecks);
        enabled.addAll(suppressionPolicies);
        enabled.addAll(blocklistMonitors);
        enabled.addAll(submissionPolicies);
        for (Map.Entry<String, Map<String, String>> plugin :
                config.pluginSettings(enabled).entrySet()) {
            settings = settings.withConfig(plugin.getKey(), plugin.getValue());
        }
        // The plugin folder is a Liberty library of this application (server.xml), so the application's own class
        // loader finds its jars: the registry needs no folder of its own here.
        // The built-in credential store, DNSBL monitor and submission rules are plugins like the others, placed by the
        // same lists.
        try {
            return PluginRegistry.load(settings, getClass().getClassLoader(), builtIns);
        } catch (PluginLoadException e) {
            throw new IllegalStateException("plugins: " + e.getMessage(), e);
        }
    }

    // A CONTINUE is the everyday answer (one per recipient and phase): only decisions that did something are INFO.
    private static void log(PluginDecision decision) {
        LOG.log(
                decision.verdict().isContinue() ? Level.FINE : Level.INFO,
                () -> "plugin decision: " + LogText.of(decision));
    }

    /** The authentication checks, in the operator's order. */
    public PluginChain<AuthenticationCheck, AuthenticationResult> authentication() {
        return authentication;
    }

    /** Which plugins each phase asks, in order, for the admin API. */
    public PluginOrder order() {
        return order;
    }

    /** The suppression policies, in the operator's order, for both phases they are asked at. */
    public Suppression suppression() {
        return suppression;
    }

    /** The one pipeline of submission and suppression policies, for the SMTP session and the HTTP API alike. */
    public SubmissionPipeline submission() {
        return submission;
    }

    /** Who may relay and who submits: the trusted networks and local domains the relay-control rule applies. */
    public RelayPolicy relayPolicy() {
        return relayPolicy;
    }

    /** The blocklist monitors, all of which are asked about each target. */
    public BlocklistChecks blocklist() {
        return blocklist;
    }

    @PreDestroy
    void stop() {
        if (calls != null) {
            calls.shutdownNow();
        }
        if (plugins != null) {
            plugins.close();
        }
    }
}
