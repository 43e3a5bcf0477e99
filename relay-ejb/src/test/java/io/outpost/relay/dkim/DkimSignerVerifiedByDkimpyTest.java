package io.outpost.relay.dkim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dkim.DkimKey.Algorithm;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signatures made by {@link DkimSigner} checked by dkimpy, an independent verifier, with the key from a fake DNS. */
class DkimSignerVerifiedByDkimpyTest {

    private static final Domain DOMAIN = Domain.of("example.com");

    private static DkimKey rsa;
    private static DkimKey ed25519;
    private static Map<String, String> dns;
    private static final Map<String, Verified> samples = new HashMap<>();

    private record Verified(byte[] message, String result) {}

    private final DkimSigner signer = new DkimSigner();

    @BeforeAll
    static void keys() throws Exception {
        KeyPair rsaPair = DkimKeys.generateRsa2048();
        KeyPair edPair = DkimKeys.generateEd25519();
        rsa = new DkimKey(DOMAIN, "rsa2026", Algorithm.RSA_SHA256, rsaPair.getPrivate());
        ed25519 = new DkimKey(DOMAIN, "ed2026", Algorithm.ED25519_SHA256, edPair.getPrivate());
        dns = Map.of(
                rsa.dnsName(), DkimKeys.dnsTxtRecord(rsaPair.getPublic()),
                ed25519.dnsName(), DkimKeys.dnsTxtRecord(edPair.getPublic()));
        signAndVerifyAllSamples();
    }

    static Stream<Arguments> messagesAndAlgorithms() {
        return Stream.of(Algorithm.values())
                .flatMap(algorithm -> Messages.ALL.keySet().stream().map(sample -> Arguments.of(sample, algorithm)));
    }

    /** Every sample signed with every algorithm goes through one dkimpy process; the tests below read its answers. */
    private static void signAndVerifyAllSamples() throws Exception {
        DkimSigner signer = new DkimSigner();
        List<String> names = new ArrayList<>();
        List<byte[]> signedMessages = new ArrayList<>();
        for (Arguments arguments : messagesAndAlgorithms().toList()) {
            String sample = (String) arguments.get()[0];
            Algorithm algorithm = (Algorithm) arguments.get()[1];
            names.add(sample + " " + algorithm);
            signedMessages.add(signer.sign(Messages.ALL.get(sample), List.of(key(algorithm))));
        }
        List<String> results = Dkimpy.verify(dns, signedMessages);
        for (int i = 0; i < names.size(); i++) {
            samples.put(names.get(i), new Verified(signedMessages.get(i), results.get(i)));
        }
    }

    @ParameterizedTest(name = "{0} signed {1} verifies")
    @MethodSource("messagesAndAlgorithms")
    void signedMessageVerifies(String sample, Algorithm algorithm) {
        Verified verified = samples.get(sample + " " + algorithm);

        assertThat(verified.result()).as(new String(verified.message(), UTF_8)).isEqualTo("pass");
    }

    @ParameterizedTest(name = "a byte changed after signing {0} breaks the signature")
    @MethodSource("algorithms")
    void changedByteAfterSigningFails(Algorithm algorithm) throws Exception {
        byte[] signed = signer.sign(Messages.MULTIPART, List.of(key(algorithm)));
        byte[] bodyChanged = signed.clone();
        int at = indexOf(bodyChanged, "plain text part");
        bodyChanged[at] = 'P';
        byte[] subjectChanged = signed.clone();
        subjectChanged[indexOf(subjectChanged, "Two parts") + 4] = 'P';

        assertThat(Dkimpy.verify(dns, List.of(signed, bodyChanged, subjectChanged)))
                .containsExactly("pass", "fail", "fail");
    }

    @ParameterizedTest(name = "a second From added after signing {0} breaks the signature (oversigning)")
    @MethodSource("algorithms")
    void fromAddedAfterSigningFails(Algorithm algorithm) throws Exception {
        byte[] signed = signer.sign(Messages.FROM_ONLY, List.of(key(algorithm)));
        byte[] secondFrom = concat("From: Mallory <mallory@example.net>\r\n".getBytes(UTF_8), signed);
        byte[] secondFromBelow = insertAfterSignature(signed, "From: Mallory <mallory@example.net>\r\n");
        byte[] addedSubject = insertAfterSignature(signed, "Subject: pay now\r\n");

        assertThat(Dkimpy.verify(dns, List.of(signed, secondFrom, secondFromBelow, addedSubject)))
                .containsExactly("pass", "fail", "fail", "fail");
    }

    @Test
    void dualSignedMessageVerifiesBothSignaturesWithRsaOnTop() throws Exception {
        byte[] signed = signer.sign(Messages.UTF8, List.of(rsa, ed25519));

        assertThat(new String(signed, UTF_8)).startsWith("DKIM-Signature: v=1; a=rsa-sha256;");
        assertThat(Dkimpy.verify(dns, signed)).isEqualTo("pass pass");
    }

    static Stream<Algorithm> algorithms() {
        return Stream.of(Algorithm.values());
    }

    private static DkimKey key(Algorithm algorithm) {
        return algorithm == Algorithm.RSA_SHA256 ? rsa : ed25519;
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(UTF_8);
        for (int i = 0; i + n.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + n.length, n, 0, n.length)) {
                return i;
            }
        }
        throw new AssertionError("not found: " + needle);
    }

    /** Puts a header line just below the DKIM-Signature field, i.e. before the original header fields. */
    private static byte[] insertAfterSignature(byte[] signed, String line) {
        int at = indexOf(signed, "\r\nFrom:") + 2;
        return concat(Arrays.copyOf(signed, at), line.getBytes(UTF_8), Arrays.copyOfRange(signed, at, signed.length));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, pos, part.length);
            pos += part.length;
        }
        return all;
    }
}
