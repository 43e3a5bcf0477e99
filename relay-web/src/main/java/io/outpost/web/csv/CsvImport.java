package io.outpost.web.csv;

import io.outpost.relay.json.CachedJson;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports a CSV body (RFC 4180, with a header row; Apache Commons CSV reads it a row at a time) a batch of rows per
 * transaction, so a list of millions of rows never sits in memory. A row that cannot be imported is counted and named
 * (up to {@link #MAX_ERRORS}); the others are imported. The answer counts the rows, those added, those there already
 * (kept as they were) and those refused.
 */
public final class CsvImport {

    /** Rows per import transaction. */
    public static final int BATCH = 500;

    /** Rows refused that an import names in its answer; the rest are only counted. */
    public static final int MAX_ERRORS = 100;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreHeaderCase(true)
            .setTrim(true)
            .setAllowMissingColumnNames(true)
            .get();

    /** What storing one batch did. */
    public record Stored(long added, long existing) {}

    private CsvImport() {}

    /**
     * @param rows given the header row's names, reads one record as a row, its {@link IllegalArgumentException} saying
     *     what is wrong with the row; a {@link ProblemException} for a header it cannot use
     * @param store stores a batch of rows, in one transaction
     */
    public static <T> JsonObject run(
            Reader csv, Function<List<String>, Function<CSVRecord, T>> rows, Function<List<T>, Stored> store) {
        Counts counts = new Counts();
        try (CSVParser parser = FORMAT.parse(csv)) {
            Function<CSVRecord, T> row = rows.apply(parser.getHeaderNames());
            List<T> batch = new ArrayList<>(BATCH);
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                counts.rows++;
                try {
                    batch.add(row.apply(record));
                } catch (IllegalArgumentException e) {
                    counts.refuse(record.getRecordNumber(), e.getMessage());
                }
                if (batch.size() == BATCH) {
                    counts.add(store.apply(List.copyOf(batch)));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                counts.add(store.apply(List.copyOf(batch)));
            }
        } catch (IOException | UncheckedIOException e) {
            // Commons CSV reports an unclosed quote and the like as an I/O failure of the record it stopped at.
            throw ProblemException.invalid(List.of(new InvalidParam(
                    "body",
                    "not CSV after row " + counts.rows + " (" + counts.added + " added before it): "
                            + e.getMessage())));
        }
        return counts.json();
    }

    /** The record's value in {@code column}, if it has that column and the value is not empty. */
    public static Optional<String> value(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column)
                ? Optional.of(record.get(column)).filter(text -> !text.isEmpty())
                : Optional.empty();
    }

    private static final class Counts {
        long rows;
        long added;
        long existing;
        long invalid;
        final JsonArrayBuilder errors = CachedJson.createArrayBuilder();

        void add(Stored stored) {
            added += stored.added();
            existing += stored.existing();
        }

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
