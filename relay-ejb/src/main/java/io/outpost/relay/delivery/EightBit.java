package io.outpost.relay.delivery;

/** Whether message bytes go beyond 7-bit ASCII, which decides BODY=8BITMIME (RFC 6152) and the DSN's MIME types. */
final class EightBit {

    private EightBit() {}

    static boolean in(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
