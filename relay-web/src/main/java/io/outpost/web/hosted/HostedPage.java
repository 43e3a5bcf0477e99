package io.outpost.web.hosted;

import io.outpost.web.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small HTML page for a recipient's browser: self-contained (no script, no image, no link elsewhere), so the page
 * itself tells nobody that it was opened. Text from outside (an address, an audience's name) is escaped by the caller
 * ({@code org.jsoup.nodes.Entities#escape}).
 */
public final class HostedPage {

    private HostedPage() {}

    /** The page with {@code title} (escaped already) as its title and heading, then {@code body}. */
    public static String of(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title
                + "</title>\n<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;"
                + "padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1.5rem}"
                + "input[type=email]{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}"
                + ".small{color:#555;font-size:.9rem}</style>\n</head>\n<body>\n<h1>" + title + "</h1>\n" + body
                + "\n</body>\n</html>\n";
    }

    // RFC 9111 §5.2.2: no cache keeps the answer; the page runs nothing, loads nothing, is framed nowhere, and its
    // forms
    // post only to this relay.
    public static void secure(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    public static void write(HttpServletResponse response, int status, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** True if the client asks for HTML (a browser); anything else is answered with a problem. */
    public static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** A 404: {@code page} for a browser, a problem with {@code detail} for anything else. */
    public static void notFound(HttpServletRequest request, HttpServletResponse response, String page, String detail)
            throws IOException {
        if (wantsHtml(request)) {
            write(response, HttpServletResponse.SC_NOT_FOUND, page);
        } else {
            new Problem(Problem.NOT_FOUND, "Not found", 404, detail, List.of()).writeTo(response);
        }
    }

    /** The one path segment after the servlet's path ({@code /u/{token}}), or "" for none or several. */
    public static String segment(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null || path.length() < 2 || path.indexOf('/', 1) >= 0 ? "" : path.substring(1);
    }
}
