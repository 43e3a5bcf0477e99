package io.outpost.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers a request to an open path (the queue stats, the web UI) whose credentials the mechanism refused. Liberty
 * serves an open path whatever the mechanism answers, so there the mechanism only leaves its {@link Refusal} on the
 * request, and this filter sends it instead of the resource: bad credentials get their 401 or 429 on every path.
 */
@WebFilter("/*")
public class RefusedCredentialsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(Refusal.ATTRIBUTE) instanceof Refusal refusal) {
            refusal.writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }
}
