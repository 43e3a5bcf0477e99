package io.outpost.relay.sending;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderFrom;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.dkim.DkimKey.Algorithm;
import io.outpost.relay.dkim.DkimKeys;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dnsauth.DmarcRecord.Alignment;
import io.outpost.relay.dnsauth.MinimalPublicSuffixes;
import io.outpost.relay.sending.OutboundAuthentication.Outcome;
import io.outpost.relay.sending.OutboundAuthentication.Ready;
import io.outpost.relay.sending.OutboundAuthentication.Refused;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signing, routing and DMARC alignment of submitted mail. Checks the shape of the DKIM-Signature fields only; that they
 * verify is shown independently by the dkim package's dkimpy test.
 */
class OutboundAuthenticationTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Domain EXAMPLE = Domain.of("example.test");
    private static final Domain BOUNCES = Domain.of("bounces.example.test");
    private static final ReversePath SENDER_IN_DOMAIN = ReversePath.of(EmailAddress.parse("news@example.test"));
    private static final ReversePath SENDER_ELSEWHERE = ReversePath.of(EmailAddress.parse("news@elsewhere.test"));
    private static final String UNVERIFIED_RECORD = "ed2026._domainkey.example.test: no TXT record";

    private static DkimKey rsa;
    private static DkimKey ed;

    /** The fake profile lookup: the sending domains by exact name. */
    private final Map<Domain, SigningProfile> sendingDomains = new HashMap<>();

    private final DkimSigner signer =
            new DkimSigner(Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC));

    @BeforeAll
    static void keys() {
        // RSA key generation takes a while: once per class.
        rsa = new DkimKey(
                EXAMPLE,
                "rsa2026",
                Algorithm.RSA_SHA256,
                DkimKeys.generateRsa2048().getPrivate());
        ed = new DkimKey(
                EXAMPLE,
                "ed2026",
                Algorithm.ED25519_SHA256,
                DkimKeys.generateEd25519().getPrivate());
    }

    // ---- not a sending domain ----

    @ParameterizedTest(name = "From: {0}")
    @ValueSource(strings = {"elsewhere.test", "notexample.test", "example.test.elsewhere.test"})
    void aMessageOfTheOperatorsOwnHostsFromADomainThatIsNotASendingDomainPassesUnchangedAndUnsigned(String from) {
        sendingDomains.put(EXAMPLE, profile().build());
        byte[] message = message(from);

        Ready ready = ready(
                prepare(authentication(true, true), Optional.empty(), SENDER_IN_DOMAIN, MessageContent.of(message)));

        assertThat(ready.content().toByteArray()).isEqualTo(message);
        assertThat(ready.returnPath()).isEmpty();
        assertThat(ready.note()).isEqualTo("not signed: " + from + " is not a sending domain");
    }

    @ParameterizedTest(name = "From: {0}")
    @ValueSource(strings = {"elsewhere.test", "notexample.test", "example.test.elsewhere.test"})
    void aTenantsMessageFromADomainThatIsNotASendingDomainIsRefusedNotRelayedUnsigned(String from) {
        sendingDomains.put(EXAMPLE, profile().build());

        Refused refused = refused(prepare(
                authentication(true, true), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(message(from))));

        assertThat(refused.reply().code()).isEqualTo(550);
        assertThat(refused.reply().enhancedStatus()).contains("5.7.1");
    }

    @Test
    void aMessageWithTheNullReversePathKeepsItInsteadOfAVerpAddress() {
        sendingDomains.put(EXAMPLE, profile().returnPath(BOUNCES).build());

        Ready ready = ready(prepare(
                authentication(true, true),
                Optional.of(ACME),
                ReversePath.NULL,
                MessageContent.of(message("example.test"))));

        assertThat(ready.returnPath()).isEmpty();
        assertThat(new String(ready.content().toByteArray(), US_ASCII)).startsWith("DKIM-Signature:");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no From field        | To: bob@elsewhere.test",
                "two From fields      | From: alice@example.test\\r\\nFrom: alice@example.test",
                "group syntax in From | From: friends: alice@example.test;"
            })
    void aMessageWithoutASingleReadableFromFieldPassesUnsigned(String description, String fields) {
        sendingDomains.put(EXAMPLE, profile().build());
        // A CRLF cannot be written inside a CSV row: \r\n stands for it.
        byte[] message = (fields.replace("\\r\\n", "\r\n") + "\r\nSubject: hello\r\n\r\nHello.\r\n").getBytes(US_ASCII);

        Ready ready = ready(
                prepare(authentication(true, true), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(message)));

        assertThat(ready.content().toByteArray()).isEqualTo(message);
        assertThat(ready.returnPath()).isEmpty();
        assertThat(ready.note()).isEqualTo("not signed: no single readable From: field");
    }

    // ---- a message that cannot be signed ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a header line without a colon | X-Note: fine\\r\\nno colon here | header line 3 is not a header field",
                "a header line with no name    | : nameless                      | header line 2 has no field name",
                "a continuation with no field  | '\\tindented'                    | header line 1 starts with white space",
            })
    void aMessageThatCannotBeSignedIsRefusedForGoodNamingTheProblem(String description, String lines, String problem) {
        sendingDomains.put(EXAMPLE, profile().build());
        String fields = lines.replace("\\r\\n", "\r\n").replace("\\t", "\t");
        String text = new String(message("example.test"), US_ASCII);
        // The continuation goes first; anything else after the From field.
        byte[] malformed = (fields.startsWith("\t")
                        ? fields + "\r\n" + text
                        : text.replace("\r\nTo:", "\r\n" + fields + "\r\nTo:"))
                .getBytes(US_ASCII);

        Refused refused = refused(
                prepare(authentication(true, true), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(malformed)));

        assertThat(refused.reply().toString())
                .startsWith("550 5.6.0 Message cannot be signed: ")
                .contains(problem);
        assertThat(refused.note()).startsWith("refused: not signable: ").contains(problem);
    }

    // ---- a verified sending domain ----

    @Test
    void aMessageFromAVerifiedSendingDomainIsTheOriginalPrefixedByRsaThenEd25519Signatures() {
        sendingDomains.put(EXAMPLE, profile().build());
        byte[] message = message("example.test");

        Ready ready = ready(
                prepare(authentication(true, true), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(message)));

        List<Map<String, String>> signatures = signatures(ready.content().toByteArray(), message);
        assertThat(signatures).hasSize(2);
        assertThat(signatures.get(0))
                .containsEntry("a", "rsa-sha256")
                .containsEntry("d", "example.test")
                .containsEntry("s", "rsa2026");
        assertThat(signatures.get(1))
                .containsEntry("a", "ed25519-sha256")
                .containsEntry("d", "example.test")
                .containsEntry("s", "ed2026");
    }

    @Test
    void aDomainWithOnlyAnRsaKeyGetsOneSignature() {
        sendingDomains.put(EXAMPLE, profile().keys(rsa).build());
        byte[] message = message("example.test");

        Ready ready = ready(
                prepare(authentication(true, true), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(message)));

        assertThat(signatures(ready.content().toByteArray(), message))
                .singleElement()
                .satisfies(tags -> assertThat(tags).containsEntry("a", "rsa-sha256"));
    }

    @Test
    void aSignedMessageGoesOutWithTheProfilesReturnPath() {
        sendingDomains.put(EXAMPLE, profile().returnPath(BOUNCES).build());

        Ready ready = ready(prepare(
                authentication(true, true),
                Optional.of(ACME),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("example.test"))));

        assertThat(ready.returnPath()).contains(BOUNCES);
    }

    @Test
    void aSignedMessageWithoutAVerifiedReturnPathKeepsTheClientsEnvelopeSender() {
        sendingDomains.put(EXAMPLE, profile().build());

        Ready ready = ready(prepare(
                authentication(true, true),
                Optional.of(ACME),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("example.test"))));

        assertThat(ready.returnPath()).isEmpty();
    }

    @Test
    void theNoteOfASignedAlignedMessageNamesTheDomainSelectorsAndAlignment() {
        sendingDomains.put(EXAMPLE, profile().build());

        Ready ready = ready(prepare(
                authentication(true, true),
                Optional.of(ACME),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("example.test"))));

        assertThat(ready.note())
                .startsWith("signed d=example.test s=rsa2026 rsa-sha256, ed2026 ed25519-sha256; ")
                .contains("; aligned: dkim aligned (adkim=r, d=example.test)");
    }

    @ParameterizedTest(name = "tenant {0}")
    @ValueSource(strings = {"acme", ""})
    void theDomainsOwnTenantOrTheOperatorsTrustedHostsMaySign(String tenant) {
        sendingDomains.put(EXAMPLE, profile().build());
        Optional<TenantId> client = tenant.isEmpty() ? Optional.empty() : Optional.of(TenantId.of(tenant));

        Outcome outcome = prepare(
                authentication(true, true), client, SENDER_IN_DOMAIN, MessageContent.of(message("example.test")));

        assertThat(ready(outcome).note()).startsWith("signed d=example.test");
    }

    @Test
    void aDomainWithNoActiveKeyPassesUnsignedWhenDkimIsNotRequired() {
        sendingDomains.put(EXAMPLE, profile().keys().domainSpfPasses().build());
        byte[] message = message("example.test");

        Ready ready = ready(
                prepare(authentication(false, true), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(message)));

        assertThat(ready.content().toByteArray()).isEqualTo(message);
        assertThat(ready.note()).startsWith("not signed: no active key; aligned: ");
    }

    // ---- subdomains and DMARC alignment of DKIM ----

    @Test
    void aMessageFromASubdomainIsSignedWithTheParentDomainsKey() {
        sendingDomains.put(EXAMPLE, profile().build());
        byte[] message = message("news.example.test");

        Ready ready = ready(
                prepare(authentication(true, true), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(message)));

        assertThat(signatures(ready.content().toByteArray(), message))
                .extracting(tags -> tags.get("d") + " " + tags.get("s"))
                .containsExactly("example.test rsa2026", "example.test ed2026");
    }

    @Test
    void aSubdomainAlignsWithTheParentUnderRelaxedAlignment() {
        sendingDomains.put(EXAMPLE, profile().build());

        Ready ready = ready(prepare(
                authentication(true, true),
                Optional.of(ACME),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("news.example.test"))));

        assertThat(ready.note()).contains("; aligned: dkim aligned (adkim=r, d=example.test)");
    }

    @Test
    void aSubdomainUnderStrictAlignmentIsRefusedWhenMisalignmentIsRefused() {
        sendingDomains.put(
                EXAMPLE,
                profile().strict().returnPath(BOUNCES).returnPathSpfPasses().build());

        Refused refused = refused(prepare(
                authentication(true, true),
                Optional.of(ACME),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("news.example.test"))));

        assertThat(refused.reply().code()).isEqualTo(550);
        assertThat(refused.reply().enhancedStatus()).contains("5.7.26");
        assertThat(refused.reply().lines())
                .singleElement()
                .asString()
                .startsWith("Message would fail DMARC alignment for news.example.test: dkim not aligned (adkim=s");
        assertThat(refused.note()).startsWith("refused: misaligned: ");
    }

    @Test
    void aSubdomainUnderStrictAlignmentIsSignedAndNotedWhenMisalignmentIsOnlyNoted() {
        sendingDomains.put(
                EXAMPLE,
                profile().strict().returnPath(BOUNCES).returnPathSpfPasses().build());
        byte[] message = message("news.example.test");

        Ready ready = ready(
                prepare(authentication(true, false), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(message)));

        assertThat(signatures(ready.content().toByteArray(), message)).hasSize(2);
        assertThat(ready.note()).startsWith("signed d=example.test").contains("; misaligned: ");
    }

    // ---- unverified DKIM records ----

    @Test
    void aDkimRecordNotCheckedYetIsRefusedOnlyForNowSoTheClientRetries() {
        sendingDomains.put(
                EXAMPLE, profile().unverified(UNVERIFIED_RECORD).undetermined().build());

        Refused refused = refused(prepare(
                authentication(true, true),
                Optional.of(ACME),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("example.test"))));

        assertThat(refused.reply().code()).isEqualTo(451);
        assertThat(refused.reply().enhancedStatus()).contains("4.7.26");
        assertThat(refused.reply().lines()).singleElement().asString().contains(UNVERIFIED_RECORD);
    }

    @Test
    void anUnverifiedDkimRecordIsRefusedNamingTheRecordWhenDkimIsRequired() {
        sendingDomains.put(EXAMPLE, profile().unverified(UNVERIFIED_RECORD).build());

        Refused refused = refused(prepare(
                authentication(true, true),
                Optional.of(ACME),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("example.test"))));

        assertThat(refused.reply().code()).isEqualTo(550);
        assertThat(refused.reply().enhancedStatus()).contains("5.7.26");
        assertThat(refused.reply().lines())
                .singleElement()
                .asString()
                .startsWith("DKIM record not verified for example.test: " + UNVERIFIED_RECORD + ";");
        assertThat(refused.note()).isEqualTo("refused: DKIM not verified: " + UNVERIFIED_RECORD);
    }

    @Test
    void anUnverifiedDkimRecordIsSignedAndNotedWhenDkimIsNotRequired() {
        sendingDomains.put(EXAMPLE, profile().unverified(UNVERIFIED_RECORD).build());
        byte[] message = message("example.test");

        Ready ready = ready(
                prepare(authentication(false, false), Optional.of(ACME), SENDER_IN_DOMAIN, MessageContent.of(message)));

        assertThat(signatures(ready.content().toByteArray(), message)).hasSize(2);
        assertThat(ready.note()).startsWith("signed d=example.test").contains("(record not verified)");
    }

    @Test
    void anUnverifiedDkimRecordDoesNotCountForDkimAlignment() {
        sendingDomains.put(EXAMPLE, profile().unverified(UNVERIFIED_RECORD).build());

        Refused refused = refused(prepare(
                authentication(false, true),
                Optional.of(ACME),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("example.test"))));

        assertThat(refused.note()).contains("dkim not aligned (adkim=r, d=example.test, record not verified)");
    }

    // ---- tenants ----

    @Test
    void anotherTenantsSendingDomainIsRefusedUnsigned() {
        sendingDomains.put(EXAMPLE, profile().build());

        Refused refused = refused(prepare(
                authentication(true, true),
                Optional.of(GLOBEX),
                SENDER_IN_DOMAIN,
                MessageContent.of(message("news.example.test"))));

        assertThat(refused.reply().code()).isEqualTo(550);
        assertThat(refused.reply().enhancedStatus()).contains("5.7.1");
        assertThat(refused.reply().lines())
                .containsExactly("From: domain news.example.test is not a sending domain of your account");
        assertThat(refused.note()).isEqualTo("refused: news.example.test belongs to another tenant");
    }

    // ---- DMARC alignment of SPF ----

    @ParameterizedTest(name = "envelope {0}, domain SPF passes {1} -> aligned {2}")
    @CsvSource({
        "news@example.test,     true,  true",
        "news@example.test,     false, false",
        "news@elsewhere.test,   true,  false",
        "news@bounces.example.test, true, false",
        "'',                    true,  false"
    })
    void withoutAReturnPathTheEnvelopeSenderInTheDomainAlignsViaTheDomainsSpf(
            String envelope, boolean domainSpfPasses, boolean aligned) {
        // DKIM cannot align: the record is unverified, and adkim=s with From: in a subdomain.
        ProfileBuilder profile = profile().unverified(UNVERIFIED_RECORD).dkimAlignment(Alignment.STRICT);
        sendingDomains.put(EXAMPLE, (domainSpfPasses ? profile.domainSpfPasses() : profile).build());
        ReversePath sender = envelope.isEmpty() ? ReversePath.NULL : ReversePath.of(EmailAddress.parse(envelope));

        Outcome outcome = prepare(
                authentication(false, true),
                Optional.of(ACME),
                sender,
                MessageContent.of(message("news.example.test")));

        if (aligned) {
            assertThat(ready(outcome).note())
                    .startsWith("signed d=example.test")
                    .contains("; aligned: ", "spf aligned (aspf=r, return path example.test)");
        } else {
            assertThat(refused(outcome).note()).startsWith("refused: misaligned: ");
        }
    }

    @ParameterizedTest(name = "aspf {0}, return path SPF passes {1} -> aligned {2}")
    @CsvSource({"RELAXED, true, true", "STRICT, true, false", "RELAXED, false, false"})
    void aVerifiedReturnPathAlignsViaItsSpfForFromInTheParentDomain(
            Alignment aspf, boolean returnPathSpfPasses, boolean aligned) {
        // DKIM cannot align: the record is unverified. The client's envelope sender does not count once there is a
        // return path.
        ProfileBuilder profile =
                profile().unverified(UNVERIFIED_RECORD).returnPath(BOUNCES).spfAlignment(aspf);
        sendingDomains.put(EXAMPLE, (returnPathSpfPasses ? profile.returnPathSpfPasses() : profile).build());

        Outcome outcome = prepare(
                authentication(false, true),
                Optional.of(ACME),
                SENDER_ELSEWHERE,
                MessageContent.of(message("example.test")));

        if (aligned) {
            Ready ready = ready(outcome);
            assertThat(ready.note()).contains("; aligned: ", "spf aligned (aspf=r, return path bounces.example.test)");
            assertThat(ready.returnPath()).contains(BOUNCES);
        } else {
            assertThat(refused(outcome).note())
                    .startsWith("refused: misaligned: ")
                    .contains("spf not aligned (aspf=" + (aspf == Alignment.STRICT ? "s" : "r")
                            + ", return path bounces.example.test");
        }
    }

    // ---- helpers ----

    /**
     * Signing as intake does it, after the dkim-readiness rule (when {@code requireDkim}) and the dmarc-alignment rule
     * (when {@code refuseMisaligned}) have had their say: what those rules refuse comes back as Refused.
     */
    private Rules authentication(boolean requireDkim, boolean refuseMisaligned) {
        return new Rules(
                new OutboundAuthentication(
                        domain -> Optional.ofNullable(sendingDomains.get(domain)), signer, new MinimalPublicSuffixes()),
                requireDkim,
                refuseMisaligned);
    }

    private record Rules(OutboundAuthentication authentication, boolean requireDkim, boolean refuseMisaligned) {

        Outcome prepare(Optional<TenantId> tenant, ReversePath envelope, MessageContent content)
                throws MessageContent.HeaderSectionTooLarge {
            byte[] headerSection = content.headerSection();
            List<Domain> from = HeaderFrom.domains(headerSection);
            Optional<Refused> refused = requireDkim ? authentication.unreadyDkim(tenant, from) : Optional.empty();
            if (refused.isEmpty() && refuseMisaligned) {
                refused = authentication.misalignment(tenant, envelope, from);
            }
            return refused.<Outcome>map(r -> r)
                    .orElseGet(() -> authentication.prepare(tenant, envelope, content, headerSection));
        }
    }

    private static byte[] message(String fromDomain) {
        return ("From: Alice <alice@" + fromDomain + ">\r\n"
                        + "To: bob@elsewhere.test\r\n"
                        + "Subject: hello\r\n"
                        + "Date: Sat, 28 Nov 2026 04:00:00 +0000\r\n"
                        + "Message-ID: <1@" + fromDomain + ">\r\n"
                        + "\r\n"
                        + "Hello.\r\n")
                .getBytes(US_ASCII);
    }

    private static Outcome prepare(
            Rules authentication, Optional<TenantId> tenant, ReversePath envelope, MessageContent content) {
        try {
            return authentication.prepare(tenant, envelope, content);
        } catch (MessageContent.HeaderSectionTooLarge e) {
            throw new AssertionError(e);
        }
    }

    private static Ready ready(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Ready.class);
        return (Ready) outcome;
    }

    private static Refused refused(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Refused.class);
        return (Refused) outcome;
    }

    /**
     * The tags of each DKIM-Signature field in front of {@code original}, top first; fails unless {@code content} is
     * exactly such fields followed by the original bytes.
     */
    private static List<Map<String, String>> signatures(byte[] content, byte[] original) {
        String text = new String(content, US_ASCII);
        String unsigned = new String(original, US_ASCII);
        assertThat(text).endsWith(unsigned);
        String prefix = text.substring(0, text.length() - unsigned.length());
        assertThat(prefix).endsWith("\r\n");
        List<Map<String, String>> signatures = new ArrayList<>();
        // RFC 5322 §2.2.3: a line starting with white space continues the field before it.
        for (String field : prefix.substring(0, prefix.length() - 2).split("\r\n(?![ \t])")) {
            assertThat(field).startsWith("DKIM-Signature:");
            Map<String, String> tags = new LinkedHashMap<>();
            String value = field.substring("DKIM-Signature:".length()).replaceAll("\r\n[ \t]", "");
            for (String tag : value.split(";")) {
                int eq = tag.indexOf('=');
                tags.put(tag.substring(0, eq).strip(), tag.substring(eq + 1).strip());
            }
            signatures.add(tags);
        }
        return signatures;
    }

    private static ProfileBuilder profile() {
        return new ProfileBuilder();
    }

    /** A verified sending domain of tenant acme with both keys, no return path and no DMARC record, to vary. */
    private static final class ProfileBuilder {
        private List<DkimKey> keys = List.of(rsa, ed);
        private List<String> unverified = List.of();
        private boolean undetermined;
        private Optional<Domain> returnPath = Optional.empty();
        private boolean domainSpfPasses;
        private boolean returnPathSpfPasses;
        private Optional<Alignment> adkim = Optional.empty();
        private Optional<Alignment> aspf = Optional.empty();

        ProfileBuilder keys(DkimKey... active) {
            keys = List.of(active);
            return this;
        }

        ProfileBuilder unverified(String... records) {
            unverified = List.of(records);
            return this;
        }

        /** The unverified records were not checked yet, or DNS did not answer. */
        ProfileBuilder undetermined() {
            undetermined = true;
            return this;
        }

        ProfileBuilder returnPath(Domain domain) {
            returnPath = Optional.of(domain);
            return this;
        }

        ProfileBuilder domainSpfPasses() {
            domainSpfPasses = true;
            return this;
        }

        ProfileBuilder returnPathSpfPasses() {
            returnPathSpfPasses = true;
            return this;
        }

        ProfileBuilder dkimAlignment(Alignment mode) {
            adkim = Optional.of(mode);
            return this;
        }

        ProfileBuilder spfAlignment(Alignment mode) {
            aspf = Optional.of(mode);
            return this;
        }

        ProfileBuilder strict() {
            return dkimAlignment(Alignment.STRICT).spfAlignment(Alignment.STRICT);
        }

        SigningProfile build() {
            return new SigningProfile(
                    ACME,
                    EXAMPLE,
                    keys,
                    unverified,
                    undetermined,
                    returnPath,
                    domainSpfPasses,
                    returnPathSpfPasses,
                    adkim,
                    aspf);
        }
    }
}
