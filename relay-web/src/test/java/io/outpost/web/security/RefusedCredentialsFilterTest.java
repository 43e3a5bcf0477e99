package io.outpost.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.web.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RefusedCredentialsFilterTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, Object> sent = new HashMap<>();
    private final StringWriter body = new StringWriter();
    private final AtomicBoolean served = new AtomicBoolean();
    private final FilterChain chain = (request, response) -> served.set(true);

    @Test
    void sendsTheMechanismsRefusalInsteadOfTheOpenResource() throws Exception {
        attributes.put(
                Refusal.ATTRIBUTE,
                new Refusal(
                        401,
                        Map.of("WWW-Authenticate", "Bearer realm=\"outpost\""),
                        new Problem(Problem.UNAUTHORIZED, "Unauthorized", 401, "The API key is wrong", List.of())));

        new RefusedCredentialsFilter().doFilter(request(), response(), chain);

        assertThat(served).isFalse();
        assertThat(sent)
                .containsEntry("status", 401)
                .containsEntry("WWW-Authenticate", "Bearer realm=\"outpost\"")
                .containsEntry("contentType", Problem.MEDIA_TYPE);
        assertThat(body.toString()).contains("urn:outpost:problem:unauthorized").contains("The API key is wrong");
    }

    @Test
    void servesARequestWithoutARefusal() throws Exception {
        new RefusedCredentialsFilter().doFilter(request(), response(), chain);

        assertThat(served).isTrue();
        assertThat(sent).isEmpty();
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("getAttribute") ? attributes.get(args[0]) : null);
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> sent.put("status", args[0]);
                        case "setHeader" -> sent.put((String) args[0], args[1]);
                        case "setContentType" -> sent.put("contentType", args[0]);
                        case "getWriter" -> {
                            return new PrintWriter(body, true);
                        }
                        default -> {}
                    }
                    return null;
                });
    }
}
