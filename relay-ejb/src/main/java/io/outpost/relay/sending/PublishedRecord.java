package io.outpost.relay.sending;

import java.util.Objects;

/**
 * One DNS record a domain owner must publish, ready to paste into a zone.
 *
 * @param name the owner name, fully qualified without the trailing dot, e.g. {@code s1._domainkey.example.com}
 * @param type the record type: {@code TXT} or {@code MX}
 * @param value the record data as one would type it in a zone file's data column: for TXT the text unquoted and
 *     unsplit (see {@link io.outpost.relay.dkim.DkimKeys#txtStrings} for 255-character strings), for MX
 *     {@code "10 mx.relay.example."}
 * @param purpose one sentence for the owner: why this record, and whether it replaces or joins an existing one
 */
public record PublishedRecord(RecordKind kind, String name, String type, String value, String purpose) {

    public PublishedRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(purpose, "purpose");
    }
}
