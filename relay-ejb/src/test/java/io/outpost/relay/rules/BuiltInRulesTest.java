package io.outpost.relay.rules;

import static io.outpost.api.plugin.testing.PluginTester.assertContinues;
import static io.outpost.api.plugin.testing.PluginTester.assertRefuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageHeaders;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.plugin.testing.FakeSubmission;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.dkim.DkimKeys;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.DmarcRecord.Alignment;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.plugin.InlinePlugin;
import io.outpost.relay.plugin.MandatoryRule;
import io.outpost.relay.returns.ReturnPathAddresses;
import io.outpost.relay.sending.OutboundAuthentication;
import io.outpost.relay.sending.ReturnPathToken;
import io.outpost.relay.sending.SigningProfile;
import io.outpost.relay.smtp.RelayPolicy;
import io.outpost.relay.smtp.auth.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The relay's own submission rules, each on its own, as a plugin author would test a plugin (the relay-api kit). */
class BuiltInRulesTest {

    private static final Domain SHOP = Domain.of("shop.example");
    private static final RelayPolicy RELAY = RelayPolicy.of(List.of("10.0.0.0/8"), List.of(Domain.of("local.example")));
    private static final DkimKey KEY = new DkimKey(
            SHOP,
            "ed2026",
            DkimKey.Algorithm.ED25519_SHA256,
            DkimKeys.generateEd25519().getPrivate());

    private final Map<Domain, SigningProfile> sendingDomains = new HashMap<>();
    private final OutboundAuthentication authentication = new OutboundAuthentication(
            domain -> Optional.ofNullable(sendingDomains.get(domain)), new DkimSigner(), new MinimalPublicSuffixes());

    // ---- relay-control ----

    @Test
    void relayControlRefusesAnUnauthenticatedClientMailingAnotherDomain() {
        Verdict verdict = new RelayControl(RELAY, ReturnPathAddresses.NONE)
                .check(
                        PluginPhase.RCPT,
                        FakeSubmission.smtp().recipient("ann@elsewhere.example").build());

        assertRefuses(verdict, PluginPhase.RCPT, RelayControl.DENIED.toString());
        assertThat(verdict.reason()).isEqualTo("relay denied for 192.0.2.10 to elsewhere.example");
    }

    @Test
    void relayControlTakesTheReturnPathOfAQueuedRecipientFromAnyoneAndRefusesOneThatDoesNotVerify() {
        ReturnPathToken tokens = new ReturnPathToken(new byte[32]);
        Domain bounces = Domain.of("bounces.shop.example");
        RelayControl rule = new RelayControl(
                RELAY,
                new ReturnPathAddresses(
                        tokens, id -> id == 7 ? Optional.of(bounces) : Optional.empty(), id -> List.of()));
        String returnPath = tokens.localPart(7, 70) + "@" + bounces;

        assertContinues(rule.check(
                PluginPhase.RCPT, FakeSubmission.smtp().recipient(returnPath).build()));
        assertRefuses(
                rule.check(
                        PluginPhase.RCPT,
                        FakeSubmission.smtp()
                                .recipient(tokens.localPart(8, 80) + "@" + bounces)
                                .build()),
                PluginPhase.RCPT,
                RelayControl.NO_SUCH_RETURN_PATH.toString());
        assertRefuses(
                rule.check(
                        PluginPhase.RCPT,
                        FakeSubmission.smtp().recipient("abuse@" + bounces).build()),
                PluginPhase.RCPT,
                RelayControl.DENIED.toString());
        // Read, not delivered: never in one transaction with a recipient that is delivered, whichever came first.
        Verdict mixed = rule.check(
                PluginPhase.RCPT,
                FakeSubmission.smtp()
                        .accepted(returnPath)
                        .recipient("ann@local.example")
                        .build());
        assertThat(mixed.effectiveReply()).hasValue(RelayControl.ONE_KIND_PER_TRANSACTION);
        assertThat(rule.check(
                                PluginPhase.RCPT,
                                FakeSubmission.smtp()
                                        .accepted("ann@local.example")
                                        .recipient(returnPath)
                                        .build())
                        .effectiveReply())
                .hasValue(RelayControl.ONE_KIND_PER_TRANSACTION);
    }

    @Test
    void relayControlLetsLocalDomainsTrustedNetworksAndAuthenticatedClientsThrough() {
        RelayControl rule = new RelayControl(RELAY, ReturnPathAddresses.NONE);

        assertContinues(rule.check(
                PluginPhase.RCPT,
                FakeSubmission.smtp().recipient("ann@local.example").build()));
        assertContinues(rule.check(
                PluginPhase.RCPT,
                FakeSubmission.smtp()
                        .from("10.1.2.3")
                        .recipient("ann@elsewhere.example")
                        .build()));
        assertContinues(rule.check(
                PluginPhase.RCPT,
                FakeSubmission.http()
                        .authenticatedAs("acme", "key-1")
                        .recipient("ann@elsewhere.example")
                        .build()));
    }

    // ---- sender-binding ----

    private final List<String> bound = new ArrayList<>();

    private final SenderPolicy shopOnly = new SenderPolicy() {
        @Override
        public Optional<SmtpReply> checkSender(Identity identity, ReversePath sender) {
            bound.add("MAIL " + identity.tenant() + " " + identity.username());
            return sender.mailbox().orElseThrow().domain().equals(SHOP)
                    ? Optional.empty()
                    : Optional.of(SmtpReply.of(550, "5.7.1", "not yours"));
        }

        @Override
        public Optional<SmtpReply> checkHeaderFrom(Identity identity, MessageHeaders headers) {
            bound.add("MESSAGE " + headers.first("From").orElse(""));
            return Optional.of(SmtpReply.of(451, "4.3.0", "domains unreadable"));
        }
    };

    @Test
    void senderBindingAsksTheChannelsPolicyForTheTenantsCredential() {
        SenderBinding rule = new SenderBinding(new Submitters(RELAY), SenderPolicy.ALLOW_ALL, shopOnly);

        Verdict verdict = rule.check(
                PluginPhase.MAIL,
                FakeSubmission.http()
                        .authenticatedAs("acme", "key-1")
                        .sender("ceo@bank.example")
                        .build());

        assertRefuses(verdict, PluginPhase.MAIL, "550 5.7.1 not yours");
        assertThat(bound).containsExactly("MAIL acme key-1");
        assertContinues(rule.check(
                PluginPhase.MAIL,
                FakeSubmission.smtp()
                        .authenticatedAs("acme", "alice")
                        .sender("ceo@bank.example")
                        .build()));
    }

    @Test
    void senderBindingChecksFromAtTheEndAndATemporaryAnswerDefers() {
        SenderBinding rule = new SenderBinding(new Submitters(RELAY), shopOnly, shopOnly);

        Verdict verdict = rule.check(
                PluginPhase.MESSAGE,
                FakeSubmission.smtp()
                        .forTenant("acme")
                        .sender("news@shop.example")
                        .header("From", "news@shop.example")
                        .build());

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.DEFER);
        assertRefuses(verdict, PluginPhase.MESSAGE, "451 4.3.0 domains unreadable");
        assertThat(bound).containsExactly("MESSAGE news@shop.example");
    }

    @Test
    void senderBindingLeavesMailOfNoTenantAlone() {
        SenderBinding rule = new SenderBinding(new Submitters(RELAY), shopOnly, shopOnly);

        assertContinues(rule.check(
                PluginPhase.MAIL,
                FakeSubmission.smtp().sender("ceo@bank.example").build()));
        assertThat(bound).isEmpty();
    }

    @Test
    void aNetworkTrustedForATenantSendsAsThatNetworkAsItsStoryNamesIt() {
        RelayPolicy forAcme = RelayPolicy.of(List.of("10.0.0.0/8=acme"), List.of());
        SenderBinding rule = new SenderBinding(new Submitters(forAcme), shopOnly, shopOnly);

        rule.check(
                PluginPhase.MAIL,
                FakeSubmission.smtp()
                        .from("10.1.2.3")
                        .forTenant("acme")
                        .sender("a@shop.example")
                        .build());

        assertThat(bound).containsExactly("MAIL acme network 10.0.0.0/8");
    }

    // ---- sending-limits ----

    @Test
    void sendingLimitsCountTheRecipientsAgainstTheChannelsLimits() {
        List<String> counted = new ArrayList<>();
        SendingLimits smtp = (identity, recipients) -> {
            counted.add("smtp " + identity.username() + " " + recipients);
            return Optional.empty();
        };
        SendingLimits http = (identity, recipients) -> {
            counted.add("http " + identity.username() + " " + recipients);
            return Optional.of(SmtpReply.of(451, "4.7.1", "Hourly message limit reached for key-1"));
        };
        SendingLimitsRule rule = new SendingLimitsRule(new Submitters(RELAY), smtp, http);

        Verdict verdict = rule.check(
                PluginPhase.MESSAGE,
                FakeSubmission.http()
                        .authenticatedAs("acme", "key-1")
                        .accepted("a@x.example")
                        .accepted("b@x.example")
                        .build());
        rule.check(
                PluginPhase.MESSAGE,
                FakeSubmission.smtp()
                        .authenticatedAs("acme", "alice")
                        .accepted("a@x.example")
                        .build());
        rule.check(
                PluginPhase.MESSAGE,
                FakeSubmission.smtp().accepted("a@local.example").build());

        assertRefuses(verdict, PluginPhase.MESSAGE, "451 4.7.1 Hourly message limit reached for key-1");
        assertThat(counted).containsExactly("http key-1 2", "smtp alice 1");
    }

    // ---- loop-detection ----

    @Test
    void loopDetectionRefusesTheHundredthReceivedFieldAndNotOneFewer() {
        FakeSubmission message = FakeSubmission.smtp();
        for (int i = 0; i < LoopDetection.MAX_RECEIVED_FIELDS - 1; i++) {
            message.header("Received", "from hop" + i + ".example by next.example");
        }
        LoopDetection rule = new LoopDetection();

        assertContinues(rule.check(PluginPhase.MESSAGE, message.build()));
        message.header("received", "from the last.example");
        assertRefuses(
                rule.check(PluginPhase.MESSAGE, message.build()), PluginPhase.MESSAGE, LoopDetection.LOOP.toString());
    }

    // ---- dkim-readiness and dmarc-alignment ----

    @Test
    void dkimReadinessRefusesASendingDomainWhoseRecordIsNotVerified() {
        sendingDomains.put(SHOP, profile(List.of("ed2026._domainkey.shop.example: no TXT record"), false));
        Submitters submitters = new Submitters(RELAY);

        Verdict verdict = new DkimReadiness(authentication, submitters, true)
                .check(PluginPhase.MESSAGE, tenantsMessage("news@shop.example"));

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.REJECT);
        assertThat(verdict.effectiveReply(PluginPhase.MESSAGE).orElseThrow().toString())
                .startsWith("550 5.7.26 DKIM record not verified for shop.example: ed2026._domainkey");
        assertThat(verdict.reason()).startsWith("refused: DKIM not verified");
        assertContinues(new DkimReadiness(authentication, submitters, false)
                .check(PluginPhase.MESSAGE, tenantsMessage("news@shop.example")));
    }

    @Test
    void dkimReadinessLeavesMailForALocalDomainAndOtherDomainsAlone() {
        sendingDomains.put(SHOP, profile(List.of("ed2026._domainkey.shop.example: no TXT record"), false));
        DkimReadiness rule = new DkimReadiness(authentication, new Submitters(RELAY), true);

        assertContinues(rule.check(
                PluginPhase.MESSAGE,
                FakeSubmission.smtp()
                        .sender("x@shop.example")
                        .accepted("ann@local.example")
                        .header("From", "x@shop.example")
                        .build()));
        assertContinues(rule.check(PluginPhase.MESSAGE, tenantsMessage("news@other.example")));
    }

    @Test
    void dmarcAlignmentRefusesAMessageNeitherDkimNorSpfWouldAlign() {
        // Verified DKIM for shop.example, strict adkim, From: in a subdomain; no return path, envelope elsewhere.
        sendingDomains.put(
                SHOP,
                new SigningProfile(
                        TenantId.of("acme"),
                        SHOP,
                        List.of(KEY),
                        List.of(),
                        false,
                        Optional.empty(),
                        false,
                        false,
                        Optional.of(Alignment.STRICT),
                        Optional.empty()));
        Submitters submitters = new Submitters(RELAY);

        Verdict refused = new DmarcAlignment(authentication, submitters, true)
                .check(PluginPhase.MESSAGE, tenantsMessage("news@mail.shop.example"));

        assertThat(refused.effectiveReply(PluginPhase.MESSAGE).orElseThrow().toString())
                .startsWith("550 5.7.26 Message would fail DMARC alignment for mail.shop.example: dkim not aligned");
        assertContinues(new DmarcAlignment(authentication, submitters, false)
                .check(PluginPhase.MESSAGE, tenantsMessage("news@mail.shop.example")));
        assertContinues(new DmarcAlignment(authentication, submitters, true)
                .check(PluginPhase.MESSAGE, tenantsMessage("news@shop.example")));
    }

    // ---- the set ----

    @Test
    void everyRuleRunsOnTheCallersThreadAndTheFourThatKeepTheRelayClosedAreMandatory() {
        List<SubmissionPolicy> rules = rules();

        assertThat(rules).extracting(SubmissionPolicy::name).containsExactlyElementsOf(BuiltInRules.DEFAULT_ORDER);
        assertThat(rules).allMatch(InlinePlugin.class::isInstance);
        assertThat(rules)
                .filteredOn(MandatoryRule.class::isInstance)
                .extracting(SubmissionPolicy::name)
                .containsExactly("relay-control", "sender-binding", "loop-detection", "sending-limits");
    }

    @Test
    void aListWithoutAMandatoryRuleIsRefusedNamingIt() {
        List<String> partial = List.of("relay-control", "my-policy", "dkim-readiness");
        List<String> complete =
                List.of("my-policy", "loop-detection", "sender-binding", "relay-control", "sending-limits");

        assertThatThrownBy(() -> BuiltInRules.requireIn(partial, rules()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[sender-binding, loop-detection, sending-limits]");
        BuiltInRules.requireIn(complete, rules());
    }

    private List<SubmissionPolicy> rules() {
        return BuiltInRules.create(
                RELAY,
                ReturnPathAddresses.NONE,
                SenderPolicy.ALLOW_ALL,
                SenderPolicy.ALLOW_ALL,
                SendingLimits.UNLIMITED,
                SendingLimits.UNLIMITED,
                authentication,
                true,
                true);
    }

    private static Submission tenantsMessage(String from) {
        return FakeSubmission.smtp()
                .authenticatedAs("acme", "alice")
                .sender("bounce@elsewhere.example")
                .accepted("ann@example.net")
                .header("From", from)
                .build();
    }

    private static SigningProfile profile(List<String> unverified, boolean undetermined) {
        return new SigningProfile(
                TenantId.of("acme"),
                SHOP,
                List.of(KEY),
                unverified,
                undetermined,
                Optional.empty(),
                false,
                false,
                Optional.empty(),
                Optional.empty());
    }
}
