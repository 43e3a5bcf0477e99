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
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Signs a message with DKIM (RFC 6376), relaxed/relaxed, rsa-sha256 or ed25519-sha256 (RFC 8463), and returns the
 * {@code DKIM-Signature} header field to prepend.
 *
 * <p>The input is the message exactly as it goes on the wire after DATA (CRLF line ends, any 8-bit content,
 * unstuffed: no leading-dot doubling, no final "."). Nothing in it may change after signing. A message that cannot be
 * signed that way (see {@link MalformedMessageException}) is refused, never signed approximately.
 *
 * <p>Signed header fields ({@code h=}): each of {@link #OVERSIGNED} is listed once more than it occurs, so a copy
 * added on the way (a second From or Subject) breaks the signature (RFC 6376 §8.15, §5.4.2); {@link #SIGNED_IF_PRESENT}
 * are listed as often as they occur. At most {@link #MAX_SIGNED_INSTANCES} instances of one name are signed, the
 * bottom-most (RFC 6376 §5.4.2), so that {@code h=} and the work stay small whatever the message repeats. Never
 * {@code l=} (RFC 6376 §8.2: it lets anyone append content). The cost is linear in the size of the message.
 * Thread-safe.
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

    /**
     * The most instances of one header name that are signed (plus the over-signing entry). RFC 5322 §3.6 allows each
     * signed name at most once; a message that repeats one more often than this is broken or hostile, and listing
     * every copy would let it make {@code h=} as long as it likes.
     */
    public static final int MAX_SIGNED_INSTANCES = 5;

    /**
     * The longest header section signed, in octets. Like Exim's {@code header_maxsize} (1 MiB by default): far more
     * than any real message needs, small enough that its parsing and hashing stay cheap.
     */
    public static final int MAX_HEADER_SECTION = 1024 * 1024;

    /** Longest line of the header we write, without CRLF; RFC 5322 §2.1.1 asks for at most 78. */
    static final int MAX_LINE = 76;

    private static final String FOLD = "\r\n\t";

    private static final Set<String> SIGNED = Set.copyOf(
            Stream.concat(OVERSIGNED.stream(), SIGNED_IF_PRESENT.stream()).toList());

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
     *
     * @throws MalformedMessageException if the message cannot be signed as it is; the exception says why
     */
    public byte[] sign(byte[] message, List<DkimKey> keys) throws MalformedMessageException {
        byte[] signatures = signatureHeaders(message, keys).getBytes(StandardCharsets.US_ASCII);
        byte[] signed = Arrays.copyOf(signatures, signatures.length + message.length);
        System.arraycopy(message, 0, signed, signatures.length, message.length);
        return signed;
    }

    /**
     * The signatures of {@link #sign(byte[], List)} for a message that may be too large for memory: only its header
     * section is held (the caller read it, bounded), the body is hashed as a stream. Put the result in front of the
     * message unchanged.
     *
     * @param headerSection the message's header section including the empty line that ends it
     * @throws MalformedMessageException if the message cannot be signed as it is; the exception says why
     */
    public byte[] signatures(MessageContent message, byte[] headerSection, List<DkimKey> keys)
            throws MalformedMessageException {
        Parsed parsed = RelaxedCanonicalizer.parse(headerSection, MAX_HEADER_SECTION);
        List<Signed> signed = signedFields(parsed.fields());
        RelaxedBody body = new RelaxedBody(sha256());
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = message.open()) {
            in.skipNBytes(parsed.bodyStart());
            int read;
            while ((read = in.read(buffer)) >= 0) {
                body.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("message to sign could not be read", e);
        }
        String bodyHash = Base64.getEncoder().encodeToString(body.hash());
        StringBuilder headers = new StringBuilder(700 * keys.size());
        for (DkimKey key : keys) {
            headers.append(signatureHeader(headerSection, signed, bodyHash, key));
        }
        return headers.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The {@code DKIM-Signature:} header field for {@code message}, folded into lines shorter than 78 characters and
     * ending in CRLF, to be written in front of the message.
     *
     * @throws MalformedMessageException if the message cannot be signed as it is, e.g. it has no From field (RFC 6376
     *     §5.4 requires signing it) or is not in CRLF wire form
     */
    public String signatureHeader(byte[] message, DkimKey key) throws MalformedMessageException {
        return signatureHeaders(message, List.of(key));
    }

    // The header is parsed and the body hashed once for all keys.
    private String signatureHeaders(byte[] message, List<DkimKey> keys) throws MalformedMessageException {
        Parsed parsed = RelaxedCanonicalizer.parse(message, MAX_HEADER_SECTION);
        List<Signed> signed = signedFields(parsed.fields());
        String bodyHash = Base64.getEncoder().encodeToString(bodyHash(message, parsed.bodyStart()));
        StringBuilder headers = new StringBuilder(700 * keys.size());
        for (DkimKey key : keys) {
            headers.append(signatureHeader(message, signed, bodyHash, key));
        }
        return headers.toString();
    }

    /** The body hash ({@code bh=}) of the body that starts at {@code bodyStart}; a stream could feed it the same. */
    private static byte[] bodyHash(byte[] message, int bodyStart) throws MalformedMessageException {
        RelaxedBody body = new RelaxedBody(sha256());
        body.update(message, bodyStart, message.length - bodyStart);
        return body.hash();
    }

    private String signatureHeader(byte[] message, List<Signed> signed, String bodyHash, DkimKey key) {
        Objects.requireNonNull(key, "key");
        Folder header = new Folder("DKIM-Signature:");
        header.tag("v=1;");
        header.tag("a=" + key.algorithm().tag() + ";");
        header.tag("c=relaxed/relaxed;");
        header.tag("d=" + key.domain().ascii() + ";");
        header.tag("s=" + key.selector() + ";");
        header.tag("t=" + clock.instant().getEpochSecond() + ";");
        for (int i = 0; i < signed.size(); i++) {
            String name = signed.get(i).name() + (i + 1 < signed.size() ? ":" : ";");
            if (i == 0) {
                header.tag("h=" + name);
            } else {
                header.append(name);
            }
        }
        header.tag("bh=" + bodyHash + ";");
        header.startB();
        String unsigned = header.toString();

        // RFC 6376 §3.7: the selected fields in h= order, then this field with an empty b= and no CRLF.
        ByteArrayOutputStream input = new ByteArrayOutputStream(1024);
        for (Signed entry : signed) {
            if (entry.field() != null) {
                RelaxedCanonicalizer.header(
                        message, entry.field().start(), entry.field().end(), true, input);
            }
        }
        byte[] own = unsigned.getBytes(StandardCharsets.US_ASCII);
        RelaxedCanonicalizer.header(own, 0, own.length, false, input);

        header.appendB(Base64.getEncoder().encodeToString(sign(input.toByteArray(), key)));
        return header + "\r\n";
    }

    /** One name in {@code h=} and the field it covers, or null where it signs that there is no further such field. */
    private record Signed(String name, Field field) {}

    /** The {@code h=} list in order, found in one pass over the fields. */
    private static List<Signed> signedFields(List<Field> fields) throws MalformedMessageException {
        Map<String, List<Field>> byName = new HashMap<>();
        for (Field field : fields) {
            if (SIGNED.contains(field.name())) {
                byName.computeIfAbsent(field.name(), name -> new ArrayList<>()).add(field);
            }
        }
        if (!byName.containsKey("from")) {
            throw new MalformedMessageException("the message has no From header field (RFC 5322 section 3.6.2)");
        }
        List<Signed> signed = new ArrayList<>();
        for (String name : OVERSIGNED) {
            addInstances(signed, name, byName.getOrDefault(name, List.of()), true);
        }
        for (String name : SIGNED_IF_PRESENT) {
            addInstances(signed, name, byName.getOrDefault(name, List.of()), false);
        }
        return signed;
    }

    /**
     * RFC 6376 §5.4.2: a name listed n times signs its n bottom-most fields, taken from the bottom up; an entry past
     * the topmost field signs that there is none (over-signing, §8.15). Past {@link #MAX_SIGNED_INSTANCES} fields,
     * the over-signing entry signs one more field instead, as a verifier reads it.
     */
    private static void addInstances(List<Signed> signed, String name, List<Field> present, boolean oversign) {
        int entries = Math.min(present.size(), MAX_SIGNED_INSTANCES) + (oversign ? 1 : 0);
        for (int i = 0; i < entries; i++) {
            int index = present.size() - 1 - i;
            signed.add(new Signed(name, index >= 0 ? present.get(index) : null));
        }
    }

    private static byte[] sign(byte[] input, DkimKey key) {
        try {
            return switch (key.algorithm()) {
                case RSA_SHA256 -> {
                    Signature rsa = RsaSigning.sha256WithRsa();
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
