package io.outpost.web.tracking;

import io.outpost.relay.tracking.TrackingHits;
import io.outpost.relay.tracking.TrackingToken;
import io.outpost.web.problem.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /t/{token}} (and {@code HEAD}, which link scanners send): an open answers a 1×1 transparent GIF that no
 * cache keeps, so each open reaches the relay; a click answers {@code 302} to the link's own destination, which the
 * token carries under the relay's signature. Any other path or token is a {@code 404} problem that says nothing of
 * why, and redirects nowhere: there is no open redirect to abuse.
 */
@WebServlet("/t/*")
public class TrackingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    // The smallest transparent GIF: 1×1, one transparent colour (GIF89a).
    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    @Inject
    private transient TrackingHits hits;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, false);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, true);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        String path = request.getPathInfo();
        String token = path == null || path.length() < 2 ? "" : path.substring(1);
        Optional<TrackingToken.Hit> hit = token.indexOf('/') >= 0
                ? Optional.empty()
                : hits.hit(
                        token,
                        new TrackingHits.Request(
                                head,
                                Optional.ofNullable(request.getHeader("User-Agent")),
                                // A literal from the container: no DNS lookup.
                                InetAddress.getByName(request.getRemoteAddr())));
        // RFC 9111 §5.2.2: nothing stores the answer, so every open and click comes back here.
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (hit.isEmpty()) {
            new Problem(Problem.NOT_FOUND, "Not found", 404, "No such link", List.of()).writeTo(response);
            return;
        }
        if (hit.get().kind() == TrackingToken.Kind.CLICK) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", hit.get().url().orElseThrow());
            return;
        }
        response.setContentType("image/gif");
        response.setContentLength(PIXEL.length);
        if (!head) {
            response.getOutputStream().write(PIXEL);
        }
    }
}
