package io.outpost.web.admin;

import io.outpost.api.plugin.BlocklistStatus.Listing;
import io.outpost.relay.blocklist.BlocklistEntry;
import io.outpost.relay.blocklist.BlocklistEvent;
import io.outpost.relay.blocklist.BlocklistStore;
import io.outpost.relay.blocklist.BlocklistWatch;
import io.outpost.relay.blocklist.BulkPause;
import io.outpost.relay.json.CachedJson;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The blocklist watch for the operator. {@code GET /api/v1/admin/blocklists}: each outbound address's and sending
 * domain's last known status by each monitor, and what bulk mail waits because of it; {@code POST …/check}: look
 * everything up now and answer the same; {@code GET …/events?limit=}: the listings and delistings, newest first.
 *
 * <pre>{@code
 * {"paused": {"addresses": [], "domains": [{"domain": "shop.example", "lists": ["dbl.spamhaus.org"]}]},
 *  "statuses": [{"target": "shop.example", "monitor": "dnsbl", "state": "LISTED", "changedAt": "…", "checkedAt": "…",
 *                "listings": [{"list": "dbl.spamhaus.org", "detail": "127.0.1.2 DBL: spam domain",
 *                              "delistUrl": "https://check.spamhaus.org/"}]}]}
 * }</pre>
 */
@Path("admin/blocklists")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class BlocklistsResource {

    private static final int MAX_EVENTS = 1_000;

    @EJB
    private BlocklistWatch watch;

    @EJB
    private BlocklistStore store;

    @GET
    public String statuses() {
        BulkPause pause = watch.pause().get();
        JsonArrayBuilder addresses = CachedJson.createArrayBuilder();
        pause.listedAddresses()
                .forEach((address, lists) -> addresses.add(CachedJson.createObjectBuilder()
                        .add("address", address)
                        .add("lists", CachedJson.createArrayBuilder(lists))));
        JsonArrayBuilder domains = CachedJson.createArrayBuilder();
        pause.listedDomains()
                .forEach((domain, lists) -> domains.add(CachedJson.createObjectBuilder()
                        .add("domain", domain.name())
                        .add("lists", CachedJson.createArrayBuilder(lists))));
        JsonArrayBuilder statuses = CachedJson.createArrayBuilder();
        for (BlocklistEntry entry : store.entries()) {
            JsonObjectBuilder status = CachedJson.createObjectBuilder()
                    .add("target", entry.target())
                    .add("monitor", entry.monitor())
                    .add("state", entry.state().name())
                    .add("changedAt", entry.changedAt().toString())
                    .add("listings", listings(entry.listings()));
            entry.checkedAt().ifPresent(at -> status.add("checkedAt", at.toString()));
            entry.failedAt().ifPresent(at -> status.add("failedAt", at.toString()));
            entry.failure().ifPresent(failure -> status.add("failure", failure));
            statuses.add(status);
        }
        return CachedJson.createObjectBuilder()
                .add(
                        "paused",
                        CachedJson.createObjectBuilder()
                                .add("addresses", addresses)
                                .add("domains", domains))
                .add("statuses", statuses)
                .build()
                .toString();
    }

    @POST
    @Path("check")
    public String checkNow() {
        watch.checkNow();
        return statuses();
    }

    @GET
    @Path("events")
    public String events(@QueryParam("limit") String limit) {
        int count;
        try {
            count = limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > MAX_EVENTS) {
            throw ProblemException.invalid(
                    List.of(new InvalidParam("limit", "must be a whole number from 1 to " + MAX_EVENTS)));
        }
        JsonArrayBuilder events = CachedJson.createArrayBuilder();
        for (BlocklistEvent event : store.events(count)) {
            events.add(CachedJson.createObjectBuilder()
                    .add("id", Long.toString(event.id()))
                    .add("at", event.at().toString())
                    .add("target", event.target())
                    .add("monitor", event.monitor())
                    .add("kind", event.kind().name())
                    .add("listings", listings(event.listings())));
        }
        return CachedJson.createObjectBuilder().add("events", events).build().toString();
    }

    private static JsonArrayBuilder listings(List<Listing> listings) {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        for (Listing listing : listings) {
            JsonObjectBuilder entry = CachedJson.createObjectBuilder().add("list", listing.list());
            listing.detail().ifPresent(detail -> entry.add("detail", detail));
            listing.delistUrl().ifPresent(url -> entry.add("delistUrl", url));
            array.add(entry);
        }
        return array;
    }
}
