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

    static final String EDITOR_FRAME = "/editor.html";

    // The visual editor's frame holds the message being composed: no script runs in it at all (default-src 'none'),
    // but its own inline styles and images show, as in a mail program; only the UI's own pages may frame it.
    static final String EDITOR_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src * data:;"
            + " frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader(
                "Content-Security-Policy", EDITOR_FRAME.equals(request.getPathInfo()) ? EDITOR_POLICY : POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
