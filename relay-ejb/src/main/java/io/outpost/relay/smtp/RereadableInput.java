package io.outpost.relay.smtp;

import java.io.IOException;

/**
 * Client octets read in blocks, where a reader that took more than it needed gives the rest back: the end of DATA may
 * arrive in one block with the next pipelined command (RFC 2920), which belongs to the session, not to the message.
 */
interface RereadableInput {

    /** As {@link java.io.InputStream#read(byte[], int, int)}: waits for at least one octet; -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException;

    /** Makes the last {@code n} octets the last {@link #read} returned be read again. */
    void unread(int n);
}
