package io.outpost.web;

import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.RecipientState;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many recipients are still to be delivered, per state, and how many reached each final state in the last hour:
 * what an operator (and a test) watches to see mail drain. Counted from an index, never a scan of the queue.
 */
@Path("queue")
public class QueueResource {

    @EJB
    private QueueStore queue;

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<RecipientState, Long> stats() {
        Map<RecipientState, Long> counts = new EnumMap<>(RecipientState.class);
        for (RecipientState state : RecipientState.values()) {
            counts.put(state, 0L);
        }
        counts.putAll(queue.countByState());
        return counts;
    }
}
