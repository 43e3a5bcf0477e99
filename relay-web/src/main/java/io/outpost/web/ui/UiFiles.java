package io.outpost.web.ui;

import io.outpost.web.problem.Problem;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the web UI's built files from the WAR's {@code /ui} folder: {@code /ui/} is its page, {@code /ui/assets/…}
 * its scripts and styles. The application's default servlet answers every other path with a 404 problem ({@code
 * UnknownPath}), so these files need a servlet of their own; it serves only names Vite writes, nothing else of the WAR.
 */
@WebServlet("/ui/*")
public class UiFiles extends HttpServlet {

    private static final long serialVersionUID = 1L;

    // What Vite writes: the page, the visual editor's frame, and hashed files under assets/. No "..", no other folder.
    private static final Pattern SERVED = Pattern.compile("/(index\\.html|editor\\.html|assets/[A-Za-z0-9._-]+)");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "woff2", "font/woff2");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        String file = path.equals("/") ? "/index.html" : path;
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        InputStream content = SERVED.matcher(file).matches() && type != null
                ? getServletContext().getResourceAsStream("/ui" + file)
                : null;
        if (content == null) {
            Problem.notFound(request.getRequestURI()).writeTo(response);
            return;
        }
        try (InputStream in = content) {
            response.setContentType(type);
            // The pages name the files by their hash: they are asked again each time, the files never change.
            response.setHeader(
                    "Cache-Control", file.endsWith(".html") ? "no-cache" : "public, max-age=31536000, immutable");
            in.transferTo(response.getOutputStream());
        }
    }
}
