package io.outpost.web.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The web UI's pages and files ({@code /ui/}, built by Vite into the WAR): they run only scripts and styles of this
 * server's own, none inline, fetch nothing from elsewhere, and are framed nowhere (issue 12). The page itself holds no
 * data (the API gives it), so it may be cached; its hashed files change name when they change.
 */
@WebFilter("/ui/*")
public class UiHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    // CSP Level 3: no 'unsafe-inline' anywhere; 'self' is the server the page came from.
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
