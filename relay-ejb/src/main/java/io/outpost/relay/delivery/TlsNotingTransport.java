package io.outpost.relay.delivery;

import io.outpost.api.plugin.ClientConnection;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * An outbound SMTP connection that knows whether STARTTLS made it encrypted, and with which protocol and cipher suite,
 * so that every attempt's story says so. Angus keeps its socket to itself; the socket factory it is configured with
 * ({@link NotingSslSocketFactory}) hands the TLS socket over on the thread that connects.
 */
final class TlsNotingTransport extends SMTPTransport {

    private Optional<ClientConnection.Tls> tls = Optional.empty();

    TlsNotingTransport(Session session, URLName url) {
        super(session, url);
    }

    @Override
    protected void startTLS() throws MessagingException {
        NotingSslSocketFactory.takeLast();
        try {
            super.startTLS();
        } finally {
            // Taken whether the handshake worked or not, so no socket outlives its attempt on this thread.
            Optional<SSLSocket> made = NotingSslSocketFactory.takeLast();
            tls = made.map(SSLSocket::getSession)
                    .filter(SSLSession::isValid)
                    .map(negotiated -> new ClientConnection.Tls(negotiated.getProtocol(), negotiated.getCipherSuite()));
        }
    }

    /** The TLS of this connection; empty while it is plain. */
    Optional<ClientConnection.Tls> tls() {
        return tls;
    }
}
