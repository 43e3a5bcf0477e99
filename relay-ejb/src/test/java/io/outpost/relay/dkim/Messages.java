package io.outpost.relay.dkim;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test messages in wire form (CRLF, raw 8-bit), each exercising one part of canonicalization. */
final class Messages {

    static final byte[] SIMPLE_ASCII = crlf(
            """
            From: Alice <alice@example.com>
            To: Bob <bob@example.org>
            Subject: Hello
            Date: Sat, 28 Nov 2026 04:00:00 +0000
            Message-ID: <1@example.com>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            Hello Bob,
            just a plain message.
            """);

    static final byte[] UTF8 = crlf(
            """
            From: Jürgen Müller <jürgen@example.com>
            To: Zoë <zoë@example.org>
            Subject: Grüße aus Köln ✓ — 東京
            Date: Sat, 28 Nov 2026 04:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Schöne Grüße, naïve café, 日本語のテキスト.
            Ünïcödé   with  runs of   spaces\t\tand tabs.
            """);

    static final byte[] LONG_LINES = crlf(
            """
            From: alice@example.com
            To: bob@example.org
            Subject: long lines

            %s
            %s
            end
            """
                    .formatted("a".repeat(990), "0123456789 ".repeat(455).substring(0, 5000)));

    static final byte[] FOLDED_HEADERS = crlf(
            """
            From: Alice <alice@example.com>\t\s
            To: Bob <bob@example.org>,
            \tCarol <carol@example.org>,\s\s
                Dave <dave@example.org>
            Cc:   eve@example.org\t
            Subject: a subject that is folded
            \t  over   several\t\tlines   \t
             with trailing whitespace\s\s
            X-Mailer:\tfolded\s
            \t\s
            Date: Sat, 28 Nov 2026 04:00:00 +0000

            Line with trailing spaces   \t
            \t  leading whitespace and   inner   runs
            whitespace-only line follows
            \t  \s
            last
            """);

    static final byte[] MULTIPART = crlf(
            """
            From: Alice <alice@example.com>
            To: bob@example.org
            Subject: Two parts
            MIME-Version: 1.0
            Content-Type: multipart/alternative;
            \tboundary="=_b1"

            This is a multi-part message in MIME format.

            --=_b1
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            The plain text part, mit Umlaut: ä.

            --=_b1
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            <html><body><p>The HTML part =C3=A4</p></body></html>

            --=_b1--
            """);

    static final byte[] TRAILING_EMPTY_LINES = crlf(
            """
            From: alice@example.com
            To: bob@example.org
            Subject: trailing empty lines

            Body text.



            \s\s
            \t


            """);

    static final byte[] FROM_ONLY =
            crlf("""
            From: alice@example.com

            Only a From field.
            """);

    static final byte[] EMPTY_BODY =
            crlf("""
            From: alice@example.com
            Subject: nothing below

            """);

    /** 10,000 Received and 10,000 To fields and 7 Subjects: more than {@link DkimSigner#MAX_SIGNED_INSTANCES}. */
    static final byte[] REPEATED_FIELDS = repeatedFields(10_000);

    static final Map<String, byte[]> ALL = new LinkedHashMap<>();

    static {
        ALL.put("simple ASCII", SIMPLE_ASCII);
        ALL.put("8-bit UTF-8 body and raw UTF-8 Subject", UTF8);
        ALL.put("990- and 5000-character lines", LONG_LINES);
        ALL.put("folded headers with tabs and trailing whitespace", FOLDED_HEADERS);
        ALL.put("multipart/alternative", MULTIPART);
        ALL.put("body with trailing empty lines", TRAILING_EMPTY_LINES);
        ALL.put("From present once, oversigned", FROM_ONLY);
        ALL.put("empty body", EMPTY_BODY);
        ALL.put("10,000 repeated To and Received fields", REPEATED_FIELDS);
    }

    private Messages() {}

    /** A message with {@code count} short To fields: many fields in a header section below the signer's limit. */
    static byte[] toFields(int count) {
        StringBuilder text = new StringBuilder("From: alice@example.com\n");
        for (int i = 0; i < count; i++) {
            text.append("To: ").append(i).append('\n');
        }
        return crlf(text.append("\nbody\n").toString());
    }

    /** A message with {@code count} Received and {@code count} To fields, interleaved, and 7 Subject fields. */
    static byte[] repeatedFields(int count) {
        StringBuilder text = new StringBuilder("From: Alice <alice@example.com>\n");
        for (int i = 0; i < 7; i++) {
            text.append("Subject: subject ").append(i).append('\n');
        }
        for (int i = 0; i < count; i++) {
            text.append("Received: from h").append(i).append(".example by mx.example\n");
            text.append("To: <r").append(i).append("@example.org>\n");
        }
        return crlf(text.append("\nThe same fields, over and over.\n").toString());
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(UTF_8);
    }
}
