package io.outpost.web.unsubscribe;

import io.outpost.api.plugin.Topic;
import io.outpost.relay.topic.TopicView;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /u/{token}}, the URL in every bulk message's {@code List-Unsubscribe} field.
 *
 * <ul>
 *   <li>{@code POST} unsubscribes at once and answers 200, without login or cookie: the one-click POST of RFC 8058 §3.2
 *       (body {@code List-Unsubscribe=One-Click}, form-encoded or multipart) leaves what the link was for (the
 *       message's topic, else all the sender's bulk mail); the page's forms leave the topics ticked ({@code leave}, one
 *       value each) or all ({@code all}).
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
        UnsubscribeToken.Request linked = asked.get();
        HostedPage.write(
                response,
                HttpServletResponse.SC_OK,
                UnsubscribePage.confirm(linked.recipient(), linked.topic(), unsubscribes.topicsOf(linked), ""));
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
        Optional<Unsubscribes.Leaving> chosen = leaving(request, method);
        if (chosen.isEmpty()) {
            // The preference centre sent with nothing ticked: ask again rather than guess.
            Optional<UnsubscribeToken.Request> asked = unsubscribes.read(HostedPage.segment(request));
            if (asked.isEmpty()) {
                HostedPage.notFound(request, response, UnsubscribePage.notFound(), "No such unsubscribe link");
                return;
            }
            UnsubscribeToken.Request linked = asked.get();
            HostedPage.write(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    UnsubscribePage.confirm(
                            linked.recipient(),
                            linked.topic(),
                            unsubscribes.topicsOf(linked),
                            "Tick at least one topic to leave, or leave all of this sender's bulk mail."));
            return;
        }
        Unsubscribes.Leaving leaving = chosen.get();
        Optional<UnsubscribeToken.Request> done;
        try {
            done = unsubscribes.unsubscribe(HostedPage.segment(request), method, client, leaving);
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
                UnsubscribePage.done(done.get().recipient(), titlesLeft(done.get(), leaving)));
    }

    // The one click leaves what the link was for; the page, what the recipient chose on it: empty when the preference
    // centre was sent with nothing ticked.
    private static Optional<Unsubscribes.Leaving> leaving(HttpServletRequest request, UnsubscribeMethod method) {
        if (method == UnsubscribeMethod.ONE_CLICK) {
            return Optional.of(new Unsubscribes.AsLinked());
        }
        if (request.getParameter("all") != null) {
            return Optional.of(new Unsubscribes.All());
        }
        if (!"topics".equals(request.getParameter("confirm"))) {
            return Optional.of(new Unsubscribes.AsLinked());
        }
        List<Topic> chosen = new ArrayList<>();
        for (String name :
                Optional.ofNullable(request.getParameterValues("leave")).orElse(new String[0])) {
            try {
                chosen.add(Topic.of(name));
            } catch (IllegalArgumentException e) {
                // Not a topic's name: nothing to leave by it.
            }
        }
        return chosen.isEmpty() ? Optional.empty() : Optional.of(new Unsubscribes.Topics(chosen));
    }

    // What the done page names: the titles of the topics left, none when all bulk mail was.
    private List<String> titlesLeft(UnsubscribeToken.Request request, Unsubscribes.Leaving leaving) {
        List<Topic> left = leaving instanceof Unsubscribes.Topics chosen
                ? chosen.topics()
                : leaving instanceof Unsubscribes.All
                        ? List.of()
                        : request.topic().stream().toList();
        return unsubscribes.topicsOf(request).stream()
                .filter(topic -> left.contains(topic.topic()))
                .map(TopicView::title)
                .toList();
    }
}
