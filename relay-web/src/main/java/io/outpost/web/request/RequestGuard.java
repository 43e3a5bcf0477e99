package io.outpost.web.request;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.web.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Checks every API request's headers and body size before JAX-RS parses anything: a declared length over
 * {@code outpost.http.max-request-size} is refused with 413 without reading the body, a body without a declared length
 * is cut off at the limit, and a malformed {@code Accept} or {@code Content-Type} is a 400 or 415 naming the header.
 */
@WebFilter("/api/*")
public class RequestGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    private RelayConfiguration config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long limit = config.httpMaxRequestSize();
        try {
            String accept = request.getHeader("Accept");
            if (accept != null) {
                RequestHeaders.checkAccept(accept);
            }
            String contentType = request.getContentType();
            if (contentType != null) {
                RequestHeaders.charsetOf(contentType);
            }
            if (request.getContentLengthLong() > limit) {
                // RFC 9110 §15.5.14: the server may close the connection rather than read a body it refuses.
                response.setHeader("Connection", "close");
                throw BoundedBody.tooLarge(limit);
            }
        } catch (ProblemException e) {
            e.problem().writeTo(response);
            return;
        }
        chain.doFilter(new BoundedBody(request, limit), response);
    }
}
