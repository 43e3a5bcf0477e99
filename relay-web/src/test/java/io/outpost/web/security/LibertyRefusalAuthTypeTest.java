package io.outpost.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibertyRefusalAuthTypeTest {

    /** Stands in for Liberty's request: a public {@code setPrivateAttribute}, as SRTServletRequest has. */
    public static final class LibertyLikeRequest extends HttpServletRequestWrapper {
        final Map<String, Object> privateAttributes = new HashMap<>();

        LibertyLikeRequest() {
            super(bareRequest());
        }

        public void setPrivateAttribute(String name, Object value) {
            privateAttributes.put(name, value);
        }
    }

    @Test
    void namesAnAuthTypeOtherThanBasicOnLibertysRequestUnderAnyWrappers() {
        LibertyLikeRequest liberty = new LibertyLikeRequest();
        liberty.setPrivateAttribute("AUTH_TYPE", "BASIC");

        LibertyRefusalAuthType.mark(new HttpServletRequestWrapper(new HttpServletRequestWrapper(liberty)));

        assertThat(liberty.privateAttributes).containsEntry("AUTH_TYPE", "OUTPOST_REFUSED");
    }

    @Test
    void leavesAnotherServersRequestAlone() {
        HttpServletRequest request = bareRequest();

        LibertyRefusalAuthType.mark(new HttpServletRequestWrapper(request));

        assertThat(request.getAttribute("AUTH_TYPE")).isNull();
    }

    private static HttpServletRequest bareRequest() {
        return (HttpServletRequest) Proxy.newProxyInstance(
                LibertyRefusalAuthTypeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> null);
    }
}
