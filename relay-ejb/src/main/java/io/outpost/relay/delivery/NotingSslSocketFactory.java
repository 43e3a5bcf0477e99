package io.outpost.relay.delivery;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.eclipse.angus.mail.util.MailSSLSocketFactory;

/**
 * The socket factory Angus uses for STARTTLS on outbound connections: trusts every certificate, as opportunistic TLS
 * between MTAs does (RFC 7435: encryption without authentication beats none; the same as {@code mail.smtp.ssl.trust=*}
 * before), and notes on the calling thread the TLS socket it made last, so that the transport that asked
 * ({@link TlsNotingTransport}) can say which protocol and cipher suite its connection got.
 */
final class NotingSslSocketFactory extends MailSSLSocketFactory {

    private static final ThreadLocal<SSLSocket> LAST = new ThreadLocal<>();

    NotingSslSocketFactory() throws GeneralSecurityException {
        setTrustAllHosts(true);
    }

    // STARTTLS layers TLS over the connected socket (RFC 3207 §4): Angus calls this form.
    @Override
    public synchronized Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        Socket made = super.createSocket(plain, host, port, autoClose);
        if (made instanceof SSLSocket ssl) {
            LAST.set(ssl);
        }
        return made;
    }

    /** The TLS socket made last on this thread, if any since the last call; forgets it. */
    static Optional<SSLSocket> takeLast() {
        SSLSocket last = LAST.get();
        LAST.remove();
        return Optional.ofNullable(last);
    }
}
