package io.outpost.relay.dkim;

import io.outpost.relay.content.MessageContent;
import io.outpost.relay.dkim.RelaxedCanonicalizer.Field;
import io.outpost.relay.dkim.RelaxedCanonicalizer.Parsed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs a message with DKIM (RFC 6376), relaxed/relaxed, rsa-sha256 or ed25519-sha256 (RFC 8463), and returns the
 * {@code DKIM-Signature} header field to prepend.
 *
 * <p>The input is the message exactly as it goes on the wire after DATA (CRLF line ends, any 8-bit content,
 * unstuffed: no leading-dot doubling, no final "."). Nothing in it may change after signing.
 *
 * <p>Signed header fields ({@code h=}): each of {@link #OVERSIGNED} is listed once more than it occurs, so a copy
 * added on the way (a second From or Subject) breaks the signature (RFC 6376 §8.15, §5.4.2); {@link #SIGNED_IF_PRESENT}
 * are listed as often as they occur. Never {@code l=} (RFC 6376 §8.2: it lets anyone append content). Thread-safe.
 */
public final class DkimSigner {

    /** Header fields signed one more time than present, absent ones once (which signs their absence). */
    public static final List<String> OVERSIGNED = List.of(
            "from",
            "subject",
            "date",
            "to",
            "cc",
            "message-id",
            "reply-to",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "mime-version",
            "content-type");

    /** Header fields signed as often as they occur, not at all when absent. */
    public static final List<String> SIGNED_IF_PRESENT = List.of(
            "sender",
            "in-reply-to",
            "references",
            "content-transfer-encoding",
            "content-language",
            "list-id",
            "list-help",
            "list-subscribe",
            "list-post",
            "list-owner",
            "list-archive");

    /** Longest line of the header we write, without CRLF; RFC 5322 §2.1.1 asks for at most 78. */
    static final int MAX_LINE = 76;

    private static final String FOLD = "\r\n\t";

    private final Clock clock;

    /** A signer that stamps {@code t=} with the system clock. */
    public DkimSigner() {
        this(Clock.systemUTC());
    }

    /** A signer that stamps {@code t=} from {@code clock}. */
    public DkimSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs {@code message} with each key in turn and returns the message with the signatures prepended, the first
     * key's on top. Each signature covers the unsigned message only. Pass the RSA key before the Ed25519 key so that
     * verifiers which check only the topmost signature, or do not know ed25519-sha256, see the RSA one.
     */
    public byte[] sign(byte[] message, List<DkimKey> keys) {
        Parsed parsed = RelaxedCanonicalizer.parse(message);
        String bodyHash = bodyHash(message, parsed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 600 * keys.size());
        for (DkimKey key : keys) {
            out.writeBytes(signatureHeader(parsed, bodyHash, key).getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(message);
        return out.toByteArray();
    }

    /**
     * The signatures of {@link #sign(byte[], List)} for a message that may be too large for memory: only its header
     * section is held (the caller read it, bounded), the body is hashed as a stream. Put the result in front of the
     * message unchanged.
     *
     * @param headerSection the message's header section including the empty line that ends it
     */
    public byte[] signatures(MessageContent message, byte[] headerSection, List<DkimKey> keys) {
        Parsed parsed = RelaxedCanonicalizer.parse(headerSection);
        MessageDigest bodyDigest = sha256();
        RelaxedBodyHash body = new RelaxedBodyHash(bodyDigest);
        try (InputStream in = message.open()) {
            in.skipNBytes(parsed.bodyStart());
            in.transferTo(body);
        } catch (IOException e) {
            throw new UncheckedIOException("message to sign could not be read", e);
        }
        body.finish();
        String bodyHash = Base64.getEncoder().encodeToString(bodyDigest.digest());
        StringBuilder out = new StringBuilder(600 * keys.size());
        for (DkimKey key : keys) {
            out.append(signatureHeader(parsed, bodyHash, key));
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The {@code DKIM-Signature:} header field for {@code message}, folded into lines shorter than 78 characters and
     * ending in CRLF, to be written in front of the message.
     *
     * @throws IllegalArgumentException if the message has no From field (RFC 6376 §5.4 requires signing it) or is
     *     not in CRLF wire form
     */
    public String signatureHeader(byte[] message, DkimKey key) {
        Parsed parsed = RelaxedCanonicalizer.parse(message);
        return signatureHeader(parsed, bodyHash(message, parsed), key);
    }

    private static String bodyHash(byte[] message, Parsed parsed) {
        MessageDigest bodyDigest = sha256();
        RelaxedCanonicalizer.body(message, parsed.bodyStart(), bodyDigest);
        return Base64.getEncoder().encodeToString(bodyDigest.digest());
    }

    private String signatureHeader(Parsed parsed, String bodyHash, DkimKey key) {
        Objects.requireNonNull(key, "key");
        List<String> signed = signedHeaderNames(parsed.fields());

        Folder header = new Folder("DKIM-Signature:");
        header.tag("v=1;");
        header.tag("a=" + key.algorithm().tag() + ";");
        header.tag("c=relaxed/relaxed;");
        header.tag("d=" + key.domain().ascii() + ";");
        header.tag("s=" + key.selector() + ";");
        header.tag("t=" + clock.instant().getEpochSecond() + ";");
        for (int i = 0; i < signed.size(); i++) {
            String name = signed.get(i) + (i + 1 < signed.size() ? ":" : ";");
            if (i == 0) {
                header.tag("h=" + name);
            } else {
                header.append(name);
            }
        }
        header.tag("bh=" + bodyHash + ";");
        header.startB();
        String unsigned = header.toString();

        // RFC 6376 §3.7: the selected fields, bottom-up per name, then this field with an empty b= and no CRLF.
        ByteArrayOutputStream input = new ByteArrayOutputStream(1024);
        Map<String, Integer> used = new HashMap<>();
        for (String name : signed) {
            Field field = nextFromBottom(parsed.fields(), name, used);
            if (field != null) {
                RelaxedCanonicalizer.header(field.raw(), true, input);
            }
        }
        RelaxedCanonicalizer.header(unsigned.getBytes(StandardCharsets.US_ASCII), false, input);

        header.appendB(Base64.getEncoder().encodeToString(sign(input.toByteArray(), key)));
        return header + "\r\n";
    }

    private static List<String> signedHeaderNames(List<Field> fields) {
        Map<String, Integer> count = new HashMap<>();
        for (Field field : fields) {
            count.merge(field.name(), 1, Integer::sum);
        }
        if (!count.containsKey("from")) {
            throw new IllegalArgumentException("message has no From header field; DKIM must sign it (RFC 6376 §5.4)");
        }
        List<String> names = new ArrayList<>();
        for (String name : OVERSIGNED) {
            for (int i = count.getOrDefault(name, 0); i >= 0; i--) {
                names.add(name);
            }
        }
        for (String name : SIGNED_IF_PRESENT) {
            for (int i = count.getOrDefault(name, 0); i > 0; i--) {
                names.add(name);
            }
        }
        return names;
    }

    /** RFC 6376 §5.4.2: repeated names take the fields from the bottom up; past the last one, nothing. */
    private static Field nextFromBottom(List<Field> fields, String name, Map<String, Integer> used) {
        int skip = used.merge(name, 1, Integer::sum) - 1;
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).name().equals(name) && skip-- == 0) {
                return fields.get(i);
            }
        }
        return null;
    }

    private static byte[] sign(byte[] input, DkimKey key) {
        try {
            return switch (key.algorithm()) {
                case RSA_SHA256 -> {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    rsa.initSign(key.key());
                    rsa.update(input);
                    yield rsa.sign();
                }
                case ED25519_SHA256 -> {
                    // RFC 8463 §3: PureEdDSA Ed25519 over the SHA-256 hash of the input, not over the input itself.
                    Signature ed = Signature.getInstance("Ed25519");
                    ed.initSign(key.key());
                    ed.update(sha256().digest(input));
                    yield ed.sign();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + key, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Writes tags, folding with CRLF TAB so that no line exceeds {@link #MAX_LINE}. */
    private static final class Folder {
        private final StringBuilder text = new StringBuilder(700);
        private int lineLength;

        Folder(String name) {
            text.append(name);
            lineLength = name.length();
        }

        /** A tag preceded by a space, or by a fold if it does not fit. */
        void tag(String tag) {
            if (lineLength + 1 + tag.length() > MAX_LINE) {
                fold();
            } else {
                text.append(' ');
                lineLength++;
            }
            append0(tag);
        }

        /** A piece glued to the previous one, folded before it if it does not fit (FWS after ":" in h=). */
        void append(String piece) {
            if (lineLength + piece.length() > MAX_LINE) {
                fold();
            }
            append0(piece);
        }

        /** "b=", placed so that at least a few characters of its value follow on the same line. */
        void startB() {
            tag("b=");
            if (lineLength + 8 > MAX_LINE) {
                // Move "b=" to a new line: drop the " b=" just written and fold instead.
                text.setLength(text.length() - 3);
                fold();
                append0("b=");
            }
        }

        /** The b= value, folded inside the value where a line is full (FWS is allowed in base64, RFC 6376 §2.4). */
        void appendB(String value) {
            int pos = 0;
            while (pos < value.length()) {
                int room = MAX_LINE - lineLength;
                if (room <= 0) {
                    fold();
                    continue;
                }
                int end = Math.min(value.length(), pos + room);
                append0(value.substring(pos, end));
                pos = end;
            }
        }

        private void fold() {
            text.append(FOLD);
            lineLength = 1;
        }

        private void append0(String s) {
            text.append(s);
            lineLength += s.length();
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
