package io.outpost.relay.intake;

import com.ibm.websphere.ssl.Constants;
import com.ibm.websphere.ssl.JSSEHelper;
import com.ibm.websphere.ssl.SSLException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The SMTP listener's TLS context, taken from Liberty's own SSL configuration (the {@code <ssl>} and
 * {@code <keyStore>} elements of server.xml), so operators manage SMTP certificates as for any Liberty endpoint. Liberty
 * generates a self-signed development certificate for {@code defaultKeyStore} when none exists.
 */
final class LibertyTls {

    private static final Logger LOG = Logger.getLogger(LibertyTls.class.getName());

    private LibertyTls() {}

    /** The context of the named SSL configuration, or empty (and a warning) when Liberty has none to give. */
    static Optional<SSLContext> context(String sslRef) {
        try {
            return Optional.ofNullable(JSSEHelper.getInstance()
                    .getSSLContext(
                            sslRef, Map.of(Constants.CONNECTION_INFO_DIRECTION, Constants.DIRECTION_INBOUND), null));
        } catch (SSLException | RuntimeException e) {
            LOG.log(Level.WARNING, "no TLS for SMTP: SSL configuration '" + sslRef + "' is not available", e);
            return Optional.empty();
        }
    }
}
