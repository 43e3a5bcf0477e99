package io.outpost.relay.smtp;

import java.util.Arrays;
import java.util.Base64;

/** Decodes one client response of an AUTH exchange (RFC 4954 §4): base64, {@code =} for empty, {@code *} to cancel. */
final class SaslResponse {

    private static final byte[] CANCEL = {'*'};
    private static final byte[] EMPTY = {'='};

    private SaslResponse() {}

    /** The decoded octets; {@code line} is zeroed either way, as it may carry a password. */
    static byte[] decode(byte[] line) throws SmtpRejection {
        try {
            if (Arrays.equals(line, CANCEL)) {
                throw new SmtpRejection(Replies.AUTH_CANCELLED);
            }
            if (Arrays.equals(line, EMPTY)) {
                return new byte[0];
            }
            // RFC 4954 §4: the response is plain base64 (RFC 4648 §4), no line breaks, no URL alphabet.
            return Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new SmtpRejection(Replies.INVALID_BASE64);
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }
}
