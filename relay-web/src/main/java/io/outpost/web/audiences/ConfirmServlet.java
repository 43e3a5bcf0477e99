package io.outpost.web.audiences;

import io.outpost.relay.audience.AudienceStore;
import io.outpost.relay.audience.OptInLinks;
import io.outpost.relay.audience.OptInToken;
import io.outpost.relay.audience.Origin;
import io.outpost.web.hosted.HostedPage;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /c/{token}}, the link of a confirmation message, without login. {@code GET} (and {@code HEAD}) only shows a
 * page with a button: link scanners and prefetchers fetch every URL in a message, and must not confirm anyone (as for
 * unsubscribing, RFC 8058 §1). {@code POST} confirms, keeping the time, the client's address and its user agent as
 * proof, then sends the browser to the audience's page (303) or shows Outpost's own. A token this relay did not make,
 * or one expired, is a 404.
 */
@WebServlet("/c/*")
public class ConfirmServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConfirmServlet.class.getName());

    @EJB
    private transient AudienceStore audiences;

    @Inject
    private transient OptInLinks links;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostedPage.secure(response);
        Optional<AudienceStore.Confirmable> found =
                link(request).flatMap(link -> audiences.confirmable(link.tenant(), link.audience(), link.number()));
        if (found.isEmpty()) {
            notFound(request, response);
            return;
        }
        HostedPage.write(
                response,
                200,
                OptInPages.confirm(
                        found.get().audience(), found.get().subscriber().address()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostedPage.secure(response);
        Optional<OptInToken.Link> link = link(request);
        if (link.isEmpty()) {
            notFound(request, response);
            return;
        }
        Origin from = new Origin(
                // A literal from the container: no DNS lookup.
                Optional.of(InetAddress.getByName(request.getRemoteAddr())),
                Optional.ofNullable(request.getHeader("User-Agent")));
        Optional<AudienceStore.Confirmable> done;
        try {
            done = audiences.confirm(
                    link.get().tenant(), link.get().audience(), link.get().number(), from);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "confirmation not saved", e);
            response.setHeader("Retry-After", "60");
            HostedPage.write(response, 503, OptInPages.failed());
            return;
        }
        if (done.isEmpty()) {
            notFound(request, response);
            return;
        }
        Optional<URI> redirect = done.get().audience().settings().redirect();
        if (redirect.isPresent()) {
            // RFC 9110 §15.4.4: see other, fetched with GET.
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", redirect.get().toString());
            return;
        }
        HostedPage.write(
                response,
                200,
                OptInPages.confirmed(
                        done.get().audience(), done.get().subscriber().address()));
    }

    private Optional<OptInToken.Link> link(HttpServletRequest request) {
        return links.readConfirmation(HostedPage.segment(request));
    }

    private static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostedPage.notFound(request, response, OptInPages.notFound(), "No such confirmation link");
    }
}
