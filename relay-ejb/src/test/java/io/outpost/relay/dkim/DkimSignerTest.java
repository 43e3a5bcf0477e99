package io.outpost.relay.dkim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.Domain;
import io.outpost.relay.content.ContentSink;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.content.Spool;
import io.outpost.relay.dkim.DkimKey.Algorithm;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape of the DKIM-Signature field and the key values, without a verifier (see the dkimpy test for that). */
class DkimSignerTest {

    private static final Domain DOMAIN = Domain.of("example.com");
    private static final Instant NOW = Instant.parse("2026-11-28T04:00:00Z");

    private static KeyPair rsaPair;
    private static KeyPair edPair;

    private final DkimSigner signer = new DkimSigner(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void keys() {
        rsaPair = DkimKeys.generateRsa2048();
        edPair = DkimKeys.generateEd25519();
    }

    @Test
    void signsASpooledMessageExactlyAsTheSameBytesInMemory() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            body.append("line ").append(i).append(" \t with  spaces \t\r\n").append(i % 7 == 0 ? "\r\n" : "");
        }
        byte[] message = ("From: a@example.com\r\nSubject: big\r\n\r\n" + body + "\r\n\r\n").getBytes(UTF_8);
        List<DkimKey> keys = List.of(rsaKey(), edKey());
        Spool spool = Spool.temporary(4096, 1 << 20);
        ContentSink sink = spool.incoming().orElseThrow();
        sink.write(message);

        try (MessageContent spooled = sink.finish()) {
            assertThat(spooled.spooled()).isTrue();
            byte[] signatures = signer.signatures(spooled, spooled.headerSection(), keys);

            assertThat(spooled.withFieldsInFront(signatures).toByteArray()).isEqualTo(signer.sign(message, keys));
        }
    }

    @Test
    void headerIsFoldedBelow78CharactersAndEndsInCrlf() throws Exception {
        for (DkimKey key : List.of(rsaKey(), edKey())) {
            String header = signer.signatureHeader(Messages.FOLDED_HEADERS, key);

            assertThat(header)
                    .startsWith("DKIM-Signature: v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed;");
            assertThat(header).endsWith("\r\n").doesNotContain("\r\n\r\n");
            assertThat(header.substring(0, header.length() - 2).split("\r\n"))
                    .allSatisfy(line -> assertThat(line.length()).isLessThan(78))
                    .satisfies(lines -> assertThat(Arrays.stream(lines).skip(1)).allMatch(l -> l.startsWith("\t")));
        }
    }

    @Test
    void headerCarriesDomainSelectorTimestampAndNoBodyLength() throws Exception {
        String tags = unfold(signer.signatureHeader(Messages.SIMPLE_ASCII, rsaKey()));

        assertThat(tags).contains(" d=example.com;", " s=rsa2026;", " t=" + NOW.getEpochSecond() + ";", " bh=", " b=");
        assertThat(tags).doesNotContainPattern("[; ]l=");
    }

    @Test
    void oversignsListedFieldsOnceMoreThanPresentAndSignsOthersOnlyWhenPresent() throws Exception {
        String tags = unfold(signer.signatureHeader(Messages.FOLDED_HEADERS, rsaKey()));

        assertThat(tag(tags, "h"))
                .isEqualTo("from:from:subject:subject:date:date:to:to:cc:cc:message-id:reply-to:list-unsubscribe"
                        + ":list-unsubscribe-post:mime-version:content-type");
        assertThat(tag(unfold(signer.signatureHeader(Messages.UTF8, rsaKey())), "h"))
                .endsWith("mime-version:mime-version:content-type:content-type:content-transfer-encoding");
    }

    @Test
    void bodyHashOfAnEmptyBodyIsTheHashOfNothing() throws Exception {
        String tags = unfold(signer.signatureHeader(Messages.EMPTY_BODY, edKey()));

        // RFC 6376 §3.4.4 with erratum 3192: SHA-256 of the empty string.
        assertThat(tag(tags, "bh")).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void refusesAMessageWithoutFrom() {
        byte[] noFrom = "Subject: x\r\n\r\nbody\r\n".getBytes(UTF_8);

        assertThatThrownBy(() -> signer.signatureHeader(noFrom, rsaKey()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("no From header field");
    }

    @Test
    void refusesAMessageWithAHeaderLineWithoutAColonNamingTheLine() {
        byte[] noColon = "From: a@example.com\r\nSubject: x\r\nthis line has no colon\r\n\r\nbody\r\n".getBytes(UTF_8);

        assertThatThrownBy(() -> signer.sign(noColon, List.of(rsaKey(), edKey())))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("header line 3 is not a header field");
    }

    @Test
    void signsAtMostTheBottomFiveInstancesOfOneNamePlusTheOversigningEntry() throws Exception {
        String h = tag(unfold(signer.signatureHeader(Messages.REPEATED_FIELDS, rsaKey())), "h");

        assertThat(h.split(":")).filteredOn("to"::equals).hasSize(DkimSigner.MAX_SIGNED_INSTANCES + 1);
        assertThat(h.split(":")).filteredOn("subject"::equals).hasSize(DkimSigner.MAX_SIGNED_INSTANCES + 1);
        assertThat(h).doesNotContain("received");
    }

    @Test
    void signingCostIsLinearInTheNumberOfHeaderFields() throws Exception {
        byte[] small = Messages.toFields(5_000);
        byte[] large = Messages.toFields(50_000);
        DkimKey key = edKey();

        double ratio = LinearCost.ratio(() -> signer.sign(small, List.of(key)), () -> signer.sign(large, List.of(key)));

        // Linear: about 10. Looking each signed instance up among all fields would make it about 100.
        assertThat(ratio).as("50,000 fields against 5,000").isLessThan(30);
    }

    @Test
    void ed25519RecordPublishesTheRaw32ByteKey() {
        String record = DkimKeys.dnsTxtRecord(edPair.getPublic());

        assertThat(record).startsWith("v=DKIM1; k=ed25519; p=");
        byte[] p = Base64.getDecoder().decode(tag(record, "p"));
        assertThat(p).hasSize(32);
        byte[] spki = edPair.getPublic().getEncoded();
        assertThat(Arrays.copyOfRange(spki, spki.length - 32, spki.length)).isEqualTo(p);
    }

    @Test
    void rsaRecordPublishesTheSubjectPublicKeyInfoSplitInto255CharacterStrings() {
        String record = DkimKeys.dnsTxtRecord(rsaPair.getPublic());

        assertThat(record).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
        assertThat(Base64.getDecoder().decode(tag(record, "p")))
                .isEqualTo(rsaPair.getPublic().getEncoded());
        List<String> strings = DkimKeys.txtStrings(record);
        assertThat(strings).hasSize(2).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", strings)).isEqualTo(record);
    }

    @Test
    void keyRefusesRsaBelow2048BitsAndAMismatchedAlgorithm() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair small = generator.generateKeyPair();

        assertThatThrownBy(() -> new DkimKey(DOMAIN, "s1", Algorithm.RSA_SHA256, small.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> new DkimKey(DOMAIN, "s1", Algorithm.ED25519_SHA256, rsaPair.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DkimKey(DOMAIN, "bad selector", Algorithm.ED25519_SHA256, edPair.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyNamesItsDnsRecordAndHidesThePrivateKey() {
        DkimKey key = new DkimKey(Domain.of("bücher.example"), "ed2026", Algorithm.ED25519_SHA256, edPair.getPrivate());

        assertThat(key.dnsName()).isEqualTo("ed2026._domainkey.xn--bcher-kva.example");
        assertThat(key.toString()).doesNotContain("EdDSA", "Ed25519 private");
    }

    private static DkimKey rsaKey() {
        return new DkimKey(DOMAIN, "rsa2026", Algorithm.RSA_SHA256, rsaPair.getPrivate());
    }

    private static DkimKey edKey() {
        return new DkimKey(DOMAIN, "ed2026", Algorithm.ED25519_SHA256, edPair.getPrivate());
    }

    /** The header as one line: each fold (CRLF TAB) becomes a space. */
    private static String unfold(String header) {
        return header.replace("\r\n\t", " ").replace("\r\n", "");
    }

    private static String tag(String tags, String name) {
        Matcher m = Pattern.compile("(?:^|;\\s*)" + name + "=([^;]*)").matcher(tags);
        assertThat(m.find()).as(name + "= in " + tags).isTrue();
        return m.group(1).replaceAll("\\s", ""); // FWS inside a tag value is not part of it
    }
}
