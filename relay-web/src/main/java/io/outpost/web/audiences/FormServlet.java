package io.outpost.web.audiences;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.audience.Audience;
import io.outpost.relay.audience.AudienceId;
import io.outpost.relay.audience.AudienceStore;
import io.outpost.relay.audience.ConsentSource;
import io.outpost.relay.audience.FormCredential;
import io.outpost.relay.audience.OptInLinks;
import io.outpost.relay.audience.OptInToken;
import io.outpost.relay.audience.Origin;
import io.outpost.relay.audience.SubscribeRequest;
import io.outpost.relay.audience.SubscriberAttributes;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.hosted.HostedPage;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /f/{audience id}}, an audience's hosted form, without login. {@code GET} shows it with a signed, time-stamped
 * token naming the consent version it shows; {@code POST} starts the double opt-in as the API does (source {@code
 * form}), with the client's address and user agent as proof. A POST without a token this relay made for this audience
 * in the last {@link OptInLinks#FORM_LIFETIME} shows the form again: another site cannot post to it blind (CSRF), and a
 * form kept open for days is not taken as today's consent. Whatever became of the address, the answer is the same.
 */
@WebServlet("/f/*")
public class FormServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FormServlet.class.getName());

    @EJB
    private transient AudienceStore audiences;

    @Inject
    private transient OptInLinks links;

    @Inject
    private transient DoubleOptIn optIn;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostedPage.secure(response);
        Optional<Audience> audience = audience(request);
        if (audience.isEmpty()) {
            HostedPage.notFound(request, response, OptInPages.notFound(), "No such form");
            return;
        }
        HostedPage.write(response, 200, OptInPages.form(audience.get(), links.formToken(audience.get()), ""));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostedPage.secure(response);
        request.setCharacterEncoding("UTF-8");
        Optional<Audience> found = audience(request);
        if (found.isEmpty()) {
            HostedPage.notFound(request, response, OptInPages.notFound(), "No such form");
            return;
        }
        Audience audience = found.get();
        Optional<OptInToken.Link> token = Optional.ofNullable(request.getParameter("token"))
                .flatMap(links::readForm)
                .filter(link -> link.audience().equals(audience.id()));
        if (token.isEmpty()) {
            again(response, audience, "The form had expired: please fill it in again.");
            return;
        }
        if (!"yes".equals(request.getParameter("consent"))) {
            again(response, audience, "Please tick the box to agree.");
            return;
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(Optional.ofNullable(request.getParameter("address"))
                    .orElse("")
                    .strip());
        } catch (IllegalArgumentException e) {
            again(response, audience, "Please give an email address such as ann@example.com.");
            return;
        }
        // A literal from the container: no DNS lookup.
        InetAddress client = InetAddress.getByName(request.getRemoteAddr());
        SubscribeRequest subscribe = new SubscribeRequest(
                address,
                SubscriberAttributes.NONE,
                ConsentSource.FORM,
                new Origin(Optional.of(client), Optional.ofNullable(request.getHeader("User-Agent"))),
                OptionalInt.of((int) token.get().number()),
                Optional.empty());
        DoubleOptIn.Started started;
        try {
            started = optIn.start(audience.tenant(), audience.id(), subscribe, FormCredential.ID, client);
        } catch (ConflictException e) {
            // Another request subscribed the address at that moment: its confirmation message is on its way.
            HostedPage.write(response, 200, OptInPages.checkInbox());
            return;
        } catch (NoSuchEntryException | RuntimeException e) {
            LOG.log(Level.WARNING, "subscription on form " + audience.id() + " not saved", e);
            response.setHeader("Retry-After", "60");
            HostedPage.write(response, 503, OptInPages.failed());
            return;
        }
        if (started.subscribed().next() == AudienceStore.Next.TOO_MANY_FROM_CLIENT) {
            HostedPage.write(response, 429, OptInPages.tooMany());
            return;
        }
        if (started.refused().isPresent()) {
            LOG.warning(() -> "confirmation message of form " + audience.id() + " refused: "
                    + started.refused().get());
            response.setHeader("Retry-After", "60");
            HostedPage.write(response, 503, OptInPages.failed());
            return;
        }
        HostedPage.write(response, 200, OptInPages.checkInbox());
    }

    // The form once more, with a fresh token, so that the corrected form can be sent.
    private void again(HttpServletResponse response, Audience audience, String problem) throws IOException {
        HostedPage.write(response, 400, OptInPages.form(audience, links.formToken(audience), problem));
    }

    private Optional<Audience> audience(HttpServletRequest request) {
        try {
            return audiences.published(new AudienceId(HostedPage.segment(request)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
