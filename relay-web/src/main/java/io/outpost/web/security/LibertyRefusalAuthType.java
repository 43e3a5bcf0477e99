package io.outpost.web.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Open Liberty (26.0.0.3) from answering 500 to a refused request whose {@code Authorization: Basic} header is
 * not base64 or has no colon. After a mechanism refuses a request, Liberty's audit code
 * ({@code WebProviderAuthenticatorProxy.authenticateForOtherMechanisms}) decodes such a header itself and fails with a
 * NullPointerException or StringIndexOutOfBoundsException; it does so only while the request's private attribute
 * {@code AUTH_TYPE} is {@code BASIC}, which is Liberty's default when web.xml names no auth method (and web.xml may not
 * name one beside a mechanism: CWWKS1931E). Naming another type on the request before refusing it keeps that code
 * away. On a server without the attribute this does nothing.
 */
final class LibertyRefusalAuthType {

    private static final Logger LOG = Logger.getLogger(LibertyRefusalAuthType.class.getName());

    private static final String ATTRIBUTE = "AUTH_TYPE";
    private static final String REFUSED = "OUTPOST_REFUSED";

    private LibertyRefusalAuthType() {}

    /** Marks {@code request}, which the mechanism is about to refuse, as not authenticated by BASIC. */
    static void mark(ServletRequest request) {
        ServletRequest layer = request;
        while (layer != null && !markLayer(layer)) {
            layer = layer instanceof ServletRequestWrapper wrapper ? wrapper.getRequest() : null;
        }
    }

    /** True once the layer (Liberty's own request, under any wrappers) has taken the attribute. */
    private static boolean markLayer(ServletRequest layer) {
        try {
            Method set = layer.getClass().getMethod("setPrivateAttribute", String.class, Object.class);
            set.invoke(layer, ATTRIBUTE, REFUSED);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOG.log(Level.FINE, "could not mark the refused request for Liberty's audit", e);
            return true;
        }
    }
}
