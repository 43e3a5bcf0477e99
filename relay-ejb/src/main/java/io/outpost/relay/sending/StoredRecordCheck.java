package io.outpost.relay.sending;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Optional;

/** The last {@link RecordCheck} of one record of a sending domain, and since when its status holds. */
@Entity
@Table(
        name = "outpost_domain_check",
        uniqueConstraints = @UniqueConstraint(columnNames = {"sending_domain", "kind", "name"}))
@SequenceGenerator(name = "outpost_domain_check_ids", sequenceName = "outpost_domain_check_seq", allocationSize = 20)
public class StoredRecordCheck {

    /** Longest stored text of a found or expected value or a detail, in characters. */
    static final int MAX_TEXT = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_domain_check_ids")
    private long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "sending_domain", nullable = false)
    private SendingDomain domain;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 20, nullable = false)
    private RecordKind kind;

    @Column(name = "name", length = 300, nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 10, nullable = false)
    private CheckStatus status;

    @Column(name = "expected", length = MAX_TEXT, nullable = false)
    private String expected;

    @Column(name = "found", length = MAX_TEXT)
    private String found;

    @Column(name = "detail", length = MAX_TEXT, nullable = false)
    private String detail;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    @Column(name = "status_since", nullable = false)
    private Instant statusSince;

    protected StoredRecordCheck() {}

    StoredRecordCheck(SendingDomain domain, RecordCheck check, Instant at) {
        this.domain = domain;
        this.kind = check.kind();
        this.name = check.name();
        this.status = check.status();
        this.statusSince = at;
        update(check, at);
    }

    RecordKind kind() {
        return kind;
    }

    String name() {
        return name;
    }

    CheckStatus status() {
        return status;
    }

    /**
     * Takes the new result; true if the status changed. A check DNS did not answer keeps a known status: one SERVFAIL
     * or timeout must not stop a verified domain's mail until the next check.
     */
    boolean update(RecordCheck check, Instant at) {
        if (check.status() == CheckStatus.UNKNOWN && status != CheckStatus.UNKNOWN) {
            detail = clip("DNS did not answer at the last check (" + check.detail() + "); " + status
                    + " is from the check at " + statusSince + " or later");
            checkedAt = at;
            return false;
        }
        boolean changed = check.status() != status;
        status = check.status();
        expected = clip(check.expected());
        found = check.found().map(StoredRecordCheck::clip).orElse(null);
        detail = clip(check.detail());
        checkedAt = at;
        if (changed) {
            statusSince = at;
        }
        return changed;
    }

    RecordCheck check() {
        return new RecordCheck(kind, name, status, expected, Optional.ofNullable(found), detail);
    }

    Instant checkedAt() {
        return checkedAt;
    }

    Instant statusSince() {
        return statusSince;
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
