package io.outpost.web.stats;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.QueueStore;
import io.outpost.relay.queue.StatsDimension;
import io.outpost.relay.queue.StatsRow;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import io.outpost.web.security.Roles;
import io.outpost.web.tenant.CallingTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/stats?from=2026-12-01&until=2026-12-05&by=day|tag|domain}: the calling tenant's sent (recipients
 * queued), delivered, deferred, bounced (hard ones apart), complaint and unsubscribe counts, and opens and clicks by
 * people and by machines, per UTC day and, with
 * {@code by=tag} or {@code by=domain}, per tag or sending domain; with the totals of the period. Read from counters kept
 * as events happen. {@code until} defaults to today, {@code from} to 29 days before it; at most 366 days.
 */
@Path("stats")
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    static final int MAX_DAYS = 366;

    @EJB
    private QueueStore queue;

    @Context
    private SecurityContext security;

    @GET
    public String stats(
            @QueryParam("from") String fromParam,
            @QueryParam("until") String untilParam,
            @QueryParam("by") String byParam) {
        TenantId tenant = CallingTenant.of(security);
        List<InvalidParam> invalid = new ArrayList<>();
        Optional<LocalDate> until = day(untilParam, "until", invalid);
        Optional<LocalDate> from = day(fromParam, "from", invalid);
        StatsDimension by = byParam == null || byParam.equals("day")
                ? StatsDimension.ALL
                : StatsDimension.named(byParam).orElse(null);
        if (by == null) {
            invalid.add(new InvalidParam("by", "must be day, tag or domain"));
        }
        LocalDate last = until.orElse(LocalDate.now(ZoneOffset.UTC));
        LocalDate first = from.orElse(last.minusDays(29));
        if (invalid.isEmpty() && first.isAfter(last)) {
            invalid.add(new InvalidParam("from", "must not be after until"));
        } else if (invalid.isEmpty() && ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            invalid.add(new InvalidParam("from", "at most " + MAX_DAYS + " days before until"));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        List<StatsRow> rows = queue.stats(tenant, first, last, by);
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        long[] totals = new long[11];
        for (StatsRow row : rows) {
            JsonObjectBuilder entry =
                    CachedJson.createObjectBuilder().add("day", row.day().toString());
            if (by != StatsDimension.ALL) {
                entry.add(by == StatsDimension.TAG ? "tag" : "domain", row.value());
            }
            array.add(counters(entry, row));
            long[] values = values(row);
            for (int i = 0; i < totals.length; i++) {
                totals[i] += values[i];
            }
        }
        return CachedJson.createObjectBuilder()
                .add("from", first.toString())
                .add("until", last.toString())
                .add("by", byParam == null ? "day" : byParam)
                .add("rows", array)
                .add(
                        "totals",
                        counters(
                                CachedJson.createObjectBuilder(),
                                new StatsRow(
                                        last,
                                        "",
                                        totals[0],
                                        totals[1],
                                        totals[2],
                                        totals[3],
                                        totals[4],
                                        totals[5],
                                        totals[6],
                                        totals[7],
                                        totals[8],
                                        totals[9],
                                        totals[10])))
                .build()
                .toString();
    }

    private static JsonObjectBuilder counters(JsonObjectBuilder json, StatsRow row) {
        return json.add("sent", row.sent())
                .add("delivered", row.delivered())
                .add("deferred", row.deferred())
                .add("bounced", row.bounced())
                .add("bouncedHard", row.bouncedHard())
                .add("complained", row.complained())
                .add("unsubscribed", row.unsubscribed())
                .add(
                        "opened",
                        CachedJson.createObjectBuilder()
                                .add("human", row.openedHuman())
                                .add("machine", row.openedMachine()))
                .add(
                        "clicked",
                        CachedJson.createObjectBuilder()
                                .add("human", row.clickedHuman())
                                .add("machine", row.clickedMachine()));
    }

    private static long[] values(StatsRow row) {
        return new long[] {
            row.sent(),
            row.delivered(),
            row.deferred(),
            row.bounced(),
            row.openedHuman(),
            row.openedMachine(),
            row.clickedHuman(),
            row.clickedMachine(),
            row.bouncedHard(),
            row.complained(),
            row.unsubscribed()
        };
    }

    private static Optional<LocalDate> day(String text, String name, List<InvalidParam> invalid) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            invalid.add(new InvalidParam(name, "must be a date such as 2026-12-05"));
            return Optional.empty();
        }
    }
}
