package io.outpost.relay.secrets;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operator's 256-bit data-protection key: seals values stored at rest (AES-256-GCM bound to the place they are
 * stored) and derives independent subkeys for other purposes.
 *
 * <p>A sealed value reads {@code v1.<key id>.<base64url(nonce || ciphertext || tag)>}. The key id lets a later key
 * rotation tell which key sealed what. Nonces are 96 random bits, so one key should seal well under 2^32 values
 * (NIST SP 800-38D §8.3). Instances are immutable and safe to share between threads.
 */
public final class DataKey {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String VERSION = "v1";
    private static final String SUBKEY_LABEL = "outpost subkey v1: ";
    private static final SecureRandom RANDOM = new SecureRandom();

    // A racing creator has made the file but not yet written it: wait this long for its content.
    private static final int EMPTY_FILE_RETRIES = 25;
    private static final long EMPTY_FILE_WAIT_MILLIS = 20;

    private final SecretKeySpec aesKey;
    private final SecretKeySpec macKey;
    private final String id;

    private DataKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A data key is exactly 32 bytes, not " + key.length);
        }
        this.aesKey = new SecretKeySpec(key, "AES");
        this.macKey = new SecretKeySpec(key, "HmacSHA256");
        this.id = HexFormat.of().formatHex(sha256(key), 0, 4);
    }

    /** The key in {@code key32} (copied), which must be 32 bytes. */
    public static DataKey of(byte[] key32) {
        return new DataKey(key32.clone());
    }

    /** The key whose standard base64 is {@code base64} (surrounding white space ignored), for a configured key. */
    public static DataKey fromBase64(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: do not pass it on.
            throw new IllegalArgumentException("A data key must be standard base64 of exactly 32 bytes");
        }
        return new DataKey(key);
    }

    /**
     * The key in {@code file}, or a new random key written there (parent folders created, owner-only permissions
     * where the file system has POSIX permissions) when the file does not exist. Threads and processes racing to
     * create the same file all end with the one key that was written first.
     *
     * @throws IllegalStateException if the file does not hold the base64 of exactly 32 bytes
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static DataKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            byte[] key = new byte[KEY_BYTES];
            RANDOM.nextBytes(key);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel out = FileChannel.open(file, EnumSet.of(CREATE_NEW, WRITE), ownerOnly(file))) {
                byte[] content = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(US_ASCII);
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            return new DataKey(key);
        } catch (FileAlreadyExistsException e) {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the data key file " + file, e);
        }
    }

    /** The first 8 hex digits of the key's SHA-256: names the key beside what it sealed, reveals nothing of it. */
    public String id() {
        return id;
    }

    /**
     * Encrypts and authenticates {@code plaintext} for the place named by {@code context} (e.g.
     * {@code "dkim:example.com:s1"}): a sealed value copied to another place does not open there.
     */
    public String seal(byte[] plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + plaintext.length + TAG_BITS / 8);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
        return VERSION + "." + id + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /**
     * The plaintext of a value {@link #seal sealed} by this key for the same {@code context}.
     *
     * @throws IllegalArgumentException if {@code sealed} is not in a known format, was sealed by another key, or
     *     fails authentication (tampered, or sealed for another context)
     */
    public byte[] open(String sealed, String context) {
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("Sealed value has an unknown format");
        }
        if (!parts[1].equals(id)) {
            throw new IllegalArgumentException("Value was sealed by key " + parts[1] + ", not by key " + id);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Sealed value has an unknown format");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("Sealed value has an unknown format");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), context);
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException(
                    "Sealed value authentication failed: tampered with, or sealed for another context than " + context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    /**
     * A 32-byte subkey for {@code purpose} (e.g. {@code "return-path"}), HMAC-SHA256(key, "outpost subkey v1: " +
     * purpose): one operator key serves several purposes without using the same key bytes for two of them.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return mac.doFinal((SUBKEY_LABEL + purpose).getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Names the key by its id only. */
    @Override
    public String toString() {
        return "DataKey[id=" + id + "]";
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(UTF_8));
        return cipher;
    }

    private static DataKey read(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            for (int i = 0; content.length == 0 && i < EMPTY_FILE_RETRIES; i++) {
                Thread.sleep(EMPTY_FILE_WAIT_MILLIS);
                content = Files.readAllBytes(file);
            }
            return new DataKey(decodeKeyFile(file, content));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the data key file " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the data key file " + file, e);
        }
    }

    // The error never quotes the content: a near-miss key is still most of a key.
    private static byte[] decodeKeyFile(Path file, byte[] content) {
        int length = content.length;
        if (length > 0 && content[length - 1] == '\n') {
            length--;
            if (length > 0 && content[length - 1] == '\r') {
                length--;
            }
        }
        try {
            byte[] key = Base64.getDecoder().decode(Arrays.copyOf(content, length));
            if (key.length == KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // Not base64: reported below, without the decoder's message, which quotes the offending character.
        }
        throw new IllegalStateException("The data key file " + file
                + " must hold the base64 of exactly 32 bytes and an optional trailing newline; it holds something"
                + " else (" + content.length + " bytes)");
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
