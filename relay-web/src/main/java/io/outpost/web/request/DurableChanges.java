package io.outpost.web.request;

import io.outpost.relay.queue.QueueCommits;
import io.outpost.web.messages.MessagesResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A change the API reports as done is on disk before the client hears so: after a successful request that may write
 * (anything but GET, HEAD and OPTIONS), and before its answer is written, the embedded database is synced. The change
 * itself committed in the EJB call the resource made; H2 writes it to its file within its {@code WRITE_DELAY} and
 * fsyncs only when asked, so without this a new API key or DKIM key answered 201 could be lost to a crash that the
 * mail queue survives. Messages need nothing here: their commit is synced before the 202 ({@code QueueCommits}). On
 * PostgreSQL the sync does nothing; its commit was durable already.
 */
@Provider
@ApplicationScoped
public class DurableChanges implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(DurableChanges.class.getName());

    private static final Set<String> READ_ONLY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    private QueueCommits commits;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READ_ONLY.contains(request.getMethod())
                || response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL
                // Its commit was synced before the 202: a second sync would only cost the intake a disk flush.
                || request.getUriInfo().getMatchedResources().stream().anyMatch(MessagesResource.class::isInstance)) {
            return;
        }
        try {
            commits.syncToDisk();
        } catch (RuntimeException e) {
            // Committed, and on disk within a second (PeriodicDiskSync) unless the disk itself is failing: the answer
            // stays true, so it is not turned into an error that would make the client repeat a done change.
            LOG.log(Level.WARNING, "a committed change was not synced to disk at once", e);
        }
    }
}
