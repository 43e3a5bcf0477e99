package io.outpost.relay.secrets;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataKeyTest {

    private static final byte[] KEY_BYTES = bytes(0);
    private static final String CONTEXT = "dkim:example.com:s1";

    private final DataKey key = DataKey.of(KEY_BYTES);

    @TempDir
    Path dir;

    @Test
    void aSealedValueOpensForTheSameContext() {
        byte[] plaintext = "-----BEGIN PRIVATE KEY-----".getBytes(UTF_8);

        String sealed = key.seal(plaintext, CONTEXT);

        assertThat(sealed).matches("v1\\.630dcd29\\.[A-Za-z0-9_-]+").doesNotContain("PRIVATE");
        assertThat(key.open(sealed, CONTEXT)).isEqualTo(plaintext);
    }

    @Test
    void anEmptyPlaintextRoundTrips() {
        assertThat(key.open(key.seal(new byte[0], CONTEXT), CONTEXT)).isEmpty();
    }

    @Test
    void sealingTheSameValueTwiceGivesDifferentText() {
        byte[] plaintext = "same".getBytes(UTF_8);

        assertThat(key.seal(plaintext, CONTEXT)).isNotEqualTo(key.seal(plaintext, CONTEXT));
    }

    @Test
    void aValueCopiedToAnotherContextFailsAuthentication() {
        String sealed = key.seal("secret".getBytes(UTF_8), CONTEXT);

        assertThatThrownBy(() -> key.open(sealed, "dkim:example.com:s2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authentication failed")
                .hasMessageNotContaining("secret");
    }

    @Test
    void everyTamperedByteFailsAuthentication() {
        String sealed = key.seal("secret".getBytes(UTF_8), CONTEXT);
        String header = sealed.substring(0, sealed.lastIndexOf('.') + 1);
        byte[] payload = Base64.getUrlDecoder().decode(sealed.substring(header.length()));

        for (int i = 0; i < payload.length; i++) {
            byte[] tampered = payload.clone();
            tampered[i] ^= 0x01;
            String text = header + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);

            assertThatThrownBy(() -> key.open(text, CONTEXT))
                    .as("byte %d flipped", i)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("authentication failed");
        }
    }

    @Test
    void aValueSealedByAnotherKeyNamesBothKeys() {
        DataKey other = DataKey.of(bytes(1));
        String sealed = other.seal("secret".getBytes(UTF_8), CONTEXT);

        assertThatThrownBy(() -> key.open(sealed, CONTEXT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sealed by key " + other.id())
                .hasMessageContaining("not by key " + key.id());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain text",
                "v1.630dcd29",
                "v1.630dcd29.",
                "v1.630dcd29.AAAA",
                "v1.630dcd29.not*base64",
                "v1.630dcd29.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.extra",
                "v2.630dcd29.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "v1.630DCD29.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "v1.630dcd.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            })
    void rejectsTextThatIsNotASealedValue(String text) {
        assertThatThrownBy(() -> key.open(text, CONTEXT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format");
    }

    @Test
    void theIdIsTheStartOfTheKeysSha256() throws Exception {
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY_BYTES));

        assertThat(key.id()).isEqualTo(sha256.substring(0, 8)).isEqualTo("630dcd29");
    }

    @Test
    void toStringNamesTheKeyByItsIdOnly() {
        assertThat(key.toString())
                .isEqualTo("DataKey[id=630dcd29]")
                .doesNotContain(Base64.getEncoder().encodeToString(KEY_BYTES))
                .doesNotContain(HexFormat.of().formatHex(KEY_BYTES));
    }

    @Test
    void derivedSubkeysAreDeterministicAndDifferPerPurposeAndKey() {
        byte[] returnPath = key.derive("return-path");

        assertThat(returnPath)
                .hasSize(32)
                .isEqualTo(key.derive("return-path"))
                .isEqualTo(HexFormat.of().parseHex("8001c3f362558ac2675b2ca9e44f67deadea33bd71118325b645104288cffdaf"))
                .isNotEqualTo(key.derive("unsubscribe"))
                .isNotEqualTo(DataKey.of(bytes(1)).derive("return-path"))
                .isNotEqualTo(KEY_BYTES);
    }

    @Test
    void ofCopiesTheKeyAndFromBase64ReadsTheSameKey() {
        byte[] bytes = bytes(7);
        DataKey copied = DataKey.of(bytes);
        String sealed = copied.seal("x".getBytes(UTF_8), CONTEXT);
        bytes[0] ^= 0x7f;

        DataKey decoded = DataKey.fromBase64(" " + Base64.getEncoder().encodeToString(bytes(7)) + "\n");

        assertThat(decoded.id()).isEqualTo(copied.id());
        assertThat(decoded.open(sealed, CONTEXT)).isEqualTo("x".getBytes(UTF_8));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void ofRejectsKeysThatAreNot32Bytes(int length) {
        assertThatThrownBy(() -> DataKey.of(new byte[length])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromBase64RejectsNonBase64WithoutQuotingIt() {
        assertThatThrownBy(() -> DataKey.fromBase64("hunter2!hunter2!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("21"); // the decoder would name '!' as "21"
    }

    @Test
    void aMissingKeyFileIsCreatedWithFoldersAndOwnerOnlyPermissions() throws Exception {
        Path file = dir.resolve("conf/keys/data.key");

        DataKey created = DataKey.loadOrCreate(file);

        String content = Files.readString(file, US_ASCII);
        assertThat(content).endsWith("\n");
        assertThat(Base64.getDecoder().decode(content.strip())).hasSize(32);
        assertThat(DataKey.fromBase64(content).id()).isEqualTo(created.id());
        assumeThat(file.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void anExistingKeyFileIsReadBackAsTheSameKey() {
        Path file = dir.resolve("data.key");
        DataKey first = DataKey.loadOrCreate(file);
        String sealed = first.seal("secret".getBytes(UTF_8), CONTEXT);

        DataKey again = DataKey.loadOrCreate(file);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.open(sealed, CONTEXT)).isEqualTo("secret".getBytes(UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n"})
    void anOperatorWrittenKeyFileIsReadWithOrWithoutATrailingNewline(String ending) throws Exception {
        Path file = dir.resolve("data.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(KEY_BYTES) + ending, US_ASCII);

        assertThat(DataKey.loadOrCreate(file).id()).isEqualTo(key.id());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hunter2-not-a-key",
                "AAECAwQFBgcICQoLDA0ODw==", // 16 bytes
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==", // 34 bytes
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n\n",
                " AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            })
    void aMalformedKeyFileIsAnErrorThatNamesTheFileButNotItsContent(String content) throws Exception {
        Path file = dir.resolve("data.key");
        Files.writeString(file, content, US_ASCII);

        assertThatThrownBy(() -> DataKey.loadOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining(content.strip())
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anEmptyKeyFileIsAnErrorOnceNoCreatorHasFilledIt() throws Exception {
        Path file = dir.resolve("data.key");
        Files.createFile(file);

        assertThatThrownBy(() -> DataKey.loadOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void threadsRacingToCreateTheKeyFileAllGetTheOneKeyWritten() throws Exception {
        int threads = 16;
        for (int round = 0; round < 20; round++) {
            Path file = dir.resolve("race-" + round + "/data.key");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<DataKey>> keys = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    keys.add(pool.submit(() -> {
                        start.await();
                        return DataKey.loadOrCreate(file);
                    }));
                }
                start.countDown();
                Set<String> ids = new HashSet<>();
                for (Future<DataKey> k : keys) {
                    ids.add(k.get().id());
                }

                assertThat(ids).containsExactly(DataKey.loadOrCreate(file).id());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static byte[] bytes(int first) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }
}
