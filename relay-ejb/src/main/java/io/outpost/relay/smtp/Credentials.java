package io.outpost.relay.smtp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A user name and password taken from an AUTH exchange. The password stays a {@code char[]} so that {@link #wipe()} can
 * zero it once the authenticator has answered; it is never logged.
 */
final class Credentials {

    private final String username;
    private final char[] password;

    private Credentials(String username, char[] password) {
        this.username = username;
        this.password = password;
    }

    /**
     * RFC 4616 §2: {@code [authzid] NUL authcid NUL passwd}, UTF-8. Acting for another user (an authzid different from
     * the authcid) is not supported; refused before the authenticator is asked.
     */
    static Credentials plain(byte[] message) throws SmtpRejection {
        try {
            int first = indexOfNul(message, 0);
            int second = first < 0 ? -1 : indexOfNul(message, first + 1);
            if (second < 0 || indexOfNul(message, second + 1) >= 0) {
                throw new SmtpRejection(Replies.MALFORMED_CREDENTIALS);
            }
            String authzid = text(Arrays.copyOfRange(message, 0, first));
            String username = text(Arrays.copyOfRange(message, first + 1, second));
            if (!authzid.isEmpty() && !authzid.equals(username)) {
                throw new SmtpRejection(Replies.PROXY_AUTH_REFUSED);
            }
            return of(username, Arrays.copyOfRange(message, second + 1, message.length));
        } finally {
            Arrays.fill(message, (byte) 0);
        }
    }

    /** LOGIN: the user name and the password come as two separate responses. */
    static Credentials login(byte[] username, byte[] password) throws SmtpRejection {
        try {
            return of(text(username), password);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    String username() {
        return username;
    }

    /** The password itself, valid until {@link #wipe()}. */
    char[] password() {
        return password;
    }

    void wipe() {
        Arrays.fill(password, '\0');
    }

    private static Credentials of(String username, byte[] passwordOctets) throws SmtpRejection {
        try {
            if (username.isEmpty()) {
                throw new SmtpRejection(Replies.MALFORMED_CREDENTIALS);
            }
            CharBuffer chars = strictUtf8(passwordOctets);
            char[] password =
                    Arrays.copyOfRange(chars.array(), chars.arrayOffset(), chars.arrayOffset() + chars.limit());
            Arrays.fill(chars.array(), '\0');
            return new Credentials(username, password);
        } finally {
            Arrays.fill(passwordOctets, (byte) 0);
        }
    }

    private static String text(byte[] octets) throws SmtpRejection {
        return strictUtf8(octets).toString();
    }

    // RFC 4616 §2: the strings are UTF-8; malformed octets are refused, not replaced.
    private static CharBuffer strictUtf8(byte[] octets) throws SmtpRejection {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets));
        } catch (CharacterCodingException e) {
            throw new SmtpRejection(Replies.MALFORMED_CREDENTIALS);
        }
    }

    private static int indexOfNul(byte[] octets, int from) {
        for (int i = from; i < octets.length; i++) {
            if (octets[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
