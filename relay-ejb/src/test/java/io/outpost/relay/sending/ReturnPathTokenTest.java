package io.outpost.relay.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.secrets.DataKey;
import io.outpost.relay.sending.ReturnPathToken.Ids;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathTokenTest {

    private static final byte[] KEY = bytes(0);

    private final ReturnPathToken tokens = new ReturnPathToken(KEY);

    @ParameterizedTest(name = "message {0}, recipient {1}")
    @CsvSource({"0, 0", "1, 2", "1234567, 42", "42, 1234567", "9223372036854775807, 9223372036854775807"})
    void aLocalPartParsesBackToItsIds(long messageId, long recipientId) {
        String localPart = tokens.localPart(messageId, recipientId);

        assertThat(localPart).matches("b-[0-9a-z]+-[0-9a-z]+-[a-z2-7]{16}");
        assertThat(tokens.parse(localPart)).contains(new Ids(messageId, recipientId));
    }

    @Test
    void aLocalPartIsBase36IdsAndAnHmacSha256TruncatedTo80BitsInBase32() {
        // Computed independently with Python's hmac, struct.pack(">qq", ...) and base64.b32encode.
        assertThat(tokens.localPart(1234567, 42)).isEqualTo("b-qglj-16-xnnxn6idksti5v4j");
    }

    @Test
    void theLongestLocalPartFitsRfc5321sLimitOf64Octets() {
        String longest = tokens.localPart(Long.MAX_VALUE, Long.MAX_VALUE);

        assertThat(longest).startsWith("b-1y2p0ij32e8e7-1y2p0ij32e8e7-").hasSize(46);
        assertThat(longest.length()).isLessThanOrEqualTo(64);
    }

    @Test
    void aLocalPartUpperCasedByAReceivingMtaStillParses() {
        String upper = tokens.localPart(1234567, 42).toUpperCase(Locale.ROOT);

        assertThat(tokens.parse(upper)).contains(new Ids(1234567, 42));
    }

    @Test
    void everyChangedCharacterFailsVerification() {
        String localPart = tokens.localPart(1234567, 42);

        for (int i = 2; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c == '-') {
                continue;
            }
            String changed = localPart.substring(0, i) + (c == 'a' ? 'b' : 'a') + localPart.substring(i + 1);

            assertThat(tokens.parse(changed)).as(changed).isEmpty();
        }
    }

    @Test
    void aLocalPartSignedWithAnotherKeyFailsVerification() {
        String foreign = new ReturnPathToken(bytes(1)).localPart(1234567, 42);

        assertThat(tokens.parse(foreign)).isEmpty();
    }

    @Test
    void swappingTheIdsFailsVerification() {
        String localPart = tokens.localPart(1234567, 42);
        String[] parts = localPart.split("-");
        String swapped = "b-" + parts[2] + "-" + parts[1] + "-" + parts[3];

        assertThat(tokens.parse(swapped)).isEmpty();
    }

    @Test
    void idsWrittenWithLeadingZerosFailVerification() {
        String localPart = tokens.localPart(1234567, 42);

        assertThat(tokens.parse(localPart.replace("b-", "b-0"))).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "b-",
                "b--",
                "b---",
                "b-qglj-16",
                "b-qglj-16-",
                "b-qglj--16-xnnxn6idksti5v4j",
                "b-qglj-16-xnnxn6idksti5v4j-",
                "b-qglj-16-xnnxn6idksti5v4j-extra",
                "b-qglj-16-xnnxn6idksti5v4",
                "b-qglj-16-xnnxn6idksti5v4jj",
                "b-qglj-16-xnnxn6idksti5v41",
                "b-+qglj-16-xnnxn6idksti5v4j",
                "x-qglj-16-xnnxn6idksti5v4j",
                "-b-qglj-16-xnnxn6idksti5v4j",
                " b-qglj-16-xnnxn6idksti5v4j",
                "b-zzzzzzzzzzzzz-16-xnnxn6idksti5v4j",
                "b-qglj-16-xnnxn6idksti5v4\u212a",
                "postmaster",
                "MAILER-DAEMON"
            })
    void anythingElseIsNotAToken(String localPart) {
        assertThat(tokens.parse(localPart)).isEmpty();
    }

    @ParameterizedTest(name = "message {0}, recipient {1}")
    @CsvSource({"-1, 0", "0, -1", "-9223372036854775808, 5"})
    void negativeIdsAreRejected(long messageId, long recipientId) {
        assertThatThrownBy(() -> tokens.localPart(messageId, recipientId)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33})
    void keysThatAreNot32BytesAreRejected(int length) {
        assertThatThrownBy(() -> new ReturnPathToken(new byte[length])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changingTheCallersKeyArrayLaterChangesNothing() {
        byte[] key = bytes(0);
        ReturnPathToken copied = new ReturnPathToken(key);
        key[0] ^= 0x7f;

        assertThat(copied.localPart(1234567, 42)).isEqualTo("b-qglj-16-xnnxn6idksti5v4j");
    }

    @Test
    void worksWithTheReturnPathSubkeyOfTheOperatorsDataKey() {
        ReturnPathToken fromDataKey = new ReturnPathToken(DataKey.of(KEY).derive("return-path"));

        assertThat(fromDataKey.parse(fromDataKey.localPart(7, 8))).contains(new Ids(7, 8));
        assertThat(tokens.parse(fromDataKey.localPart(7, 8))).isEmpty();
    }

    private static byte[] bytes(int first) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }
}
