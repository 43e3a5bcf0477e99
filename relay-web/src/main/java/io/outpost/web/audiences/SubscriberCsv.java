package io.outpost.web.audiences;

import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.audience.AudienceStore;
import io.outpost.relay.audience.ConsentText;
import io.outpost.relay.audience.ImportedSubscriber;
import io.outpost.relay.audience.IpLiteral;
import io.outpost.relay.audience.Origin;
import io.outpost.relay.audience.SubscriberAttributes;
import io.outpost.relay.json.CachedJson;
import io.outpost.web.csv.CsvImport;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVRecord;

/**
 * Subscribers imported as CSV ({@link CsvImport}), confirmed on the proof of consent the tenant already holds. Columns: {@code address} (required), {@code consented_at} (required: an RFC 3339 time, when the tenant says
 * the subscriber consented), {@code ip}, {@code user_agent}, {@code consent_text} (the wording they agreed to; the
 * audience's current version when absent), {@code source} (where the tenant collected it); every other column is an
 * attribute.
 */
final class SubscriberCsv {

    /** The columns that are proof, not attributes. */
    static final Set<String> PROOF = Set.of("address", "consented_at", "ip", "user_agent", "consent_text", "source");

    private static final int MAX_SOURCE = 300;

    private SubscriberCsv() {}

    /** Imports the rows of {@code csv} through {@code batches} ({@link CsvImport}). */
    static JsonObject importFrom(Reader csv, Function<List<ImportedSubscriber>, AudienceStore.Imported> batches) {
        return CsvImport.run(
                csv,
                header -> {
                    if (header.stream().noneMatch("address"::equalsIgnoreCase)
                            || header.stream().noneMatch("consented_at"::equalsIgnoreCase)) {
                        throw ProblemException.invalid(List.of(new InvalidParam(
                                "body",
                                "the header row needs the columns address and consented_at; columns: " + header)));
                    }
                    return record -> row(record, header);
                },
                batch -> {
                    AudienceStore.Imported imported = batches.apply(batch);
                    return new CsvImport.Stored(imported.added(), imported.existing());
                });
    }

    /** One row as an imported subscriber; {@link IllegalArgumentException} says what is wrong with it. */
    static ImportedSubscriber row(CSVRecord record, List<String> header) {
        EmailAddress address = EmailAddress.parse(
                CsvImport.value(record, "address").orElseThrow(() -> new IllegalArgumentException("no address")));
        Instant consentedAt = CsvImport.value(record, "consented_at")
                .map(SubscriberCsv::time)
                .orElseThrow(() -> new IllegalArgumentException("no consented_at"));
        JsonObjectBuilder attributes = CachedJson.createObjectBuilder();
        for (String column : header) {
            if (!PROOF.contains(column.toLowerCase(Locale.ROOT))) {
                CsvImport.value(record, column).ifPresent(text -> attributes.add(column, text));
            }
        }
        Optional<String> source = CsvImport.value(record, "source");
        if (source.isPresent() && source.get().length() > MAX_SOURCE) {
            throw new IllegalArgumentException("source longer than " + MAX_SOURCE + " characters");
        }
        return new ImportedSubscriber(
                address,
                new SubscriberAttributes(attributes.build()),
                consentedAt,
                new Origin(CsvImport.value(record, "ip").map(IpLiteral::parse), CsvImport.value(record, "user_agent")),
                CsvImport.value(record, "consent_text").map(ConsentText::checked),
                source);
    }

    private static Instant time(String text) {
        try {
            Instant at = OffsetDateTime.parse(text).toInstant();
            if (at.isAfter(Instant.now())) {
                throw new IllegalArgumentException("consented_at is in the future: " + text);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("consented_at is no RFC 3339 time: " + text);
        }
    }
}
