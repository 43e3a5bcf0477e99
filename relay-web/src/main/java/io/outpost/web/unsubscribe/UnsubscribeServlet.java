package io.outpost.web.unsubscribe;

import io.outpost.relay.unsubscribe.UnsubscribeMethod;
import io.outpost.relay.unsubscribe.UnsubscribeToken;
import io.outpost.relay.unsubscribe.Unsubscribes;
import io.outpost.web.hosted.HostedPage;
import io.outpost.web.problem.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /u/{token}}, the URL in every bulk message's {@code List-Unsubscribe} field.
 *
 * <ul>
 *   <li>{@code POST} unsubscribes at once and answers 200, without login or cookie: the one-click POST of RFC 8058 §3.2
 *       (body {@code List-Unsubscribe=One-Click}, form-encoded or multipart), or the confirm button of the page.
 *   <li>{@code GET} (and {@code HEAD}) only shows a page with that button: link scanners and prefetchers fetch every URL
 *       in a message, and must not unsubscribe anyone (RFC 8058 §1).
 * </ul>
 *
 * A token this relay did not make is a 404: a page for a browser, a problem for anything else.
 */
@WebServlet("/u/*")
@MultipartConfig(maxFileSize = 1024, maxRequestSize = 4096)
public class UnsubscribeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(UnsubscribeServlet.class.getName());

    @Inject
    private transient Unsubscribes unsubscribes;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostedPage.secure(response);
        Optional<UnsubscribeToken.Request> asked = unsubscribes.read(HostedPage.segment(request));
        if (asked.isEmpty()) {
            HostedPage.notFound(request, response, UnsubscribePage.notFound(), "No such unsubscribe link");
            return;
        }
        HostedPage.write(
                response,
                HttpServletResponse.SC_OK,
                UnsubscribePage.confirm(asked.get().recipient()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostedPage.secure(response);
        // RFC 8058 §3.2: the one-click POST says so in its body; the page's button posts confirm=page.
        UnsubscribeMethod method = "One-Click".equals(request.getParameter("List-Unsubscribe"))
                ? UnsubscribeMethod.ONE_CLICK
                : UnsubscribeMethod.PAGE;
        Unsubscribes.Client client = new Unsubscribes.Client(
                // A literal from the container: no DNS lookup.
                InetAddress.getByName(request.getRemoteAddr()), Optional.ofNullable(request.getHeader("User-Agent")));
        Optional<UnsubscribeToken.Request> done;
        try {
            done = unsubscribes.unsubscribe(HostedPage.segment(request), method, client);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unsubscribe not saved", e);
            response.setHeader("Retry-After", "60");
            if (HostedPage.wantsHtml(request)) {
                HostedPage.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, UnsubscribePage.failed());
            } else {
                new Problem(
                                Problem.INTERNAL,
                                "Unsubscribe not saved",
                                503,
                                "The unsubscribe could not be saved; try again",
                                List.of())
                        .writeTo(response);
            }
            return;
        }
        if (done.isEmpty()) {
            HostedPage.notFound(request, response, UnsubscribePage.notFound(), "No such unsubscribe link");
            return;
        }
        HostedPage.write(
                response,
                HttpServletResponse.SC_OK,
                UnsubscribePage.done(done.get().recipient()));
    }
}
