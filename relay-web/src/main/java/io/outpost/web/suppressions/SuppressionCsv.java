package io.outpost.web.suppressions;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.suppression.Evidence;
import io.outpost.relay.suppression.ImportRow;
import io.outpost.relay.suppression.SuppressionEntry;
import io.outpost.relay.suppression.SuppressionReason;
import io.outpost.relay.suppression.SuppressionScope;
import io.outpost.relay.suppression.SuppressionStore;
import io.outpost.relay.suppression.SuppressionTarget;
import io.outpost.relay.tenant.ConflictException;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * An owner's suppression lists as CSV (RFC 4180, with a header row; Apache Commons CSV reads and writes it a row at a
 * time): exported a page of entries at a time, imported a batch of rows per transaction, so a list of millions of rows
 * never sits in memory. An export imports again as it is: the columns an import does not take (when, which message,
 * the evidence) are skipped.
 */
final class SuppressionCsv {

    /** The columns of an export, in order. */
    static final List<String> COLUMNS = List.of(
            "target", "stream", "topic", "reason", "created_at", "expires_at", "message_id", "note", "evidence");

    /** Rows per import transaction. */
    static final int BATCH = 500;

    /** Rows refused that an import names in its answer; the rest are only counted. */
    static final int MAX_ERRORS = 100;

    private static final CSVFormat EXPORT = CSVFormat.RFC4180
            .builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .get();
    private static final CSVFormat IMPORT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreHeaderCase(true)
            .setTrim(true)
            .setAllowMissingColumnNames(true)
            .get();

    private SuppressionCsv() {}

    /** Every entry of the owner's lists, newest first. */
    static StreamingOutput export(SuppressionStore lists, Optional<TenantId> owner) {
        return out -> {
            try (CSVPrinter csv =
                    new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), EXPORT)) {
                Optional<Long> after = Optional.empty();
                List<SuppressionStore.Listed> page;
                do {
                    page = lists.list(owner, Optional.empty(), Optional.empty(), after, SuppressionStore.MAX_PAGE);
                    for (SuppressionStore.Listed listed : page) {
                        SuppressionEntry entry = listed.entry();
                        csv.printRecord(
                                entry.target().toString(),
                                entry.scope().stream()
                                        .map(MessageStream::wireName)
                                        .orElse(""),
                                entry.scope().topic().map(Topic::name).orElse(""),
                                entry.reason().wireName(),
                                entry.createdAt().toString(),
                                entry.expiresAt().map(Instant::toString).orElse(""),
                                entry.messageId().isPresent()
                                        ? Long.toString(entry.messageId().getAsLong())
                                        : "",
                                entry.note().orElse(""),
                                entry.evidence().orElse(""));
                    }
                    after = page.isEmpty()
                            ? after
                            : Optional.of(page.get(page.size() - 1).id());
                } while (page.size() == SuppressionStore.MAX_PAGE);
            }
        };
    }

    /**
     * Imports the rows of {@code csv}: a {@code target} (or {@code address}) column is required; {@code stream},
     * {@code reason}, {@code expires_at} and {@code note} are taken when present. A row that cannot be imported is
     * counted and named (up to {@link #MAX_ERRORS}); the others are imported.
     *
     * @param scope the list a row goes on, for its stream (empty: all the owner's mail)
     * @param streams whether the owner's lists have streams (a tenant's do; the operator's is for every stream)
     */
    static JsonObject importFrom(
            Reader csv,
            SuppressionStore lists,
            BiFunction<Optional<MessageStream>, Optional<Topic>, SuppressionScope> scope,
            boolean streams,
            String actor) {
        Counts counts = new Counts();
        try (CSVParser parser = IMPORT.parse(csv)) {
            String targetColumn = targetColumn(parser.getHeaderMap());
            List<ImportRow> batch = new ArrayList<>(BATCH);
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                counts.rows++;
                try {
                    batch.add(row(record, targetColumn, scope, streams));
                } catch (IllegalArgumentException e) {
                    counts.refuse(record.getRecordNumber(), e.getMessage());
                }
                if (batch.size() == BATCH) {
                    importBatch(batch, lists, actor, counts);
                    batch.clear();
                }
            }
            importBatch(batch, lists, actor, counts);
        } catch (IOException | UncheckedIOException e) {
            // Commons CSV reports an unclosed quote and the like as an I/O failure of the record it stopped at.
            throw ProblemException.invalid(List.of(new InvalidParam(
                    "body",
                    "not CSV after row " + counts.rows + " (" + counts.added + " added before it): "
                            + e.getMessage())));
        }
        return counts.json();
    }

    private static String targetColumn(Map<String, Integer> header) {
        for (String name : List.of("target", "address")) {
            if (header.keySet().stream().anyMatch(column -> column.equalsIgnoreCase(name))) {
                return name;
            }
        }
        throw ProblemException.invalid(List.of(new InvalidParam(
                "target", "the header row names no target (or address) column; columns: " + header.keySet())));
    }

    private static ImportRow row(
            CSVRecord record,
            String targetColumn,
            BiFunction<Optional<MessageStream>, Optional<Topic>, SuppressionScope> scope,
            boolean streams) {
        SuppressionTarget target = SuppressionTarget.parse(
                value(record, targetColumn).orElseThrow(() -> new IllegalArgumentException("no target")));
        Optional<MessageStream> stream = value(record, "stream").map(MessageStream::of);
        Optional<Topic> topic = value(record, "topic").map(Topic::of);
        if ((stream.isPresent() || topic.isPresent()) && !streams) {
            throw new IllegalArgumentException("the operator's list is for every stream and topic");
        }
        if (topic.isPresent()
                && stream.filter(chosen -> chosen != MessageStream.BULK).isPresent()) {
            throw new IllegalArgumentException("a topic is one of bulk mail");
        }
        SuppressionReason reason = value(record, "reason")
                .map(text -> SuppressionReason.named(text)
                        .orElseThrow(() -> new IllegalArgumentException("no such reason: " + text)))
                .orElse(SuppressionReason.MANUAL);
        Optional<String> note = value(record, "note");
        if (note.isPresent() && note.get().length() > SuppressionEntry.MAX_NOTE) {
            throw new IllegalArgumentException("note longer than " + SuppressionEntry.MAX_NOTE + " characters");
        }
        Optional<Instant> expiresAt = value(record, "expires_at").map(SuppressionCsv::future);
        return new ImportRow(scope.apply(stream, topic), target, reason, note, expiresAt);
    }

    private static Optional<String> value(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column)
                ? Optional.of(record.get(column)).filter(text -> !text.isEmpty())
                : Optional.empty();
    }

    private static Instant future(String text) {
        try {
            Instant at = Instant.parse(text);
            if (!at.isAfter(Instant.now())) {
                throw new IllegalArgumentException("expires_at has passed: " + text);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expires_at is no RFC 3339 time in UTC: " + text);
        }
    }

    // One transaction for the batch; when another request added one of its targets at that moment, row by row.
    private static void importBatch(List<ImportRow> batch, SuppressionStore lists, String actor, Counts counts) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            SuppressionStore.Imported imported = lists.importBatch(List.copyOf(batch), actor);
            counts.added += imported.added();
            counts.existing += imported.existing();
        } catch (EJBException | PersistenceException e) {
            for (ImportRow row : batch) {
                try {
                    boolean isNew = lists.add(
                                    row.scope(),
                                    row.target(),
                                    row.reason(),
                                    Evidence.note(row.note()),
                                    row.expiresAt(),
                                    actor)
                            .isNew();
                    counts.added += isNew ? 1 : 0;
                    counts.existing += isNew ? 0 : 1;
                } catch (ConflictException conflict) {
                    counts.existing++;
                }
            }
        }
    }

    private static final class Counts {
        long rows;
        long added;
        long existing;
        long invalid;
        final JsonArrayBuilder errors = CachedJson.createArrayBuilder();

        void refuse(long row, String reason) {
            if (invalid++ < MAX_ERRORS) {
                errors.add(CachedJson.createObjectBuilder().add("row", row).add("reason", reason));
            }
        }

        JsonObject json() {
            return CachedJson.createObjectBuilder()
                    .add("rows", rows)
                    .add("added", added)
                    .add("existing", existing)
                    .add("invalid", invalid)
                    .add("errors", errors)
                    .build();
        }
    }
}
