package io.outpost.relay.queue;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/**
 * Leases due recipients to a node in one statement or two, the SQL differing by database. A lease moves
 * {@code next_attempt_at} to {@code leaseUntil}, so a node that dies mid-attempt loses its claims by itself, and
 * writes a new claim token, so an attempt whose lease ran out can no longer record its outcome.
 */
interface DueClaimer {

    List<Claim> claim(EntityManager em, Instant now, Instant leaseUntil, String node, int limit);

    static DueClaimer forDatabase(String kind) {
        return "postgresql".equalsIgnoreCase(kind) ? new PostgresDueClaimer() : new PortableDueClaimer();
    }

    static List<Claim> toClaims(List<?> rows, long token) {
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new Claim(
                        ((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue(),
                        io.outpost.api.mail.EmailAddress.parse((String) row[2]),
                        ((Number) row[3]).intValue(),
                        token))
                .toList();
    }
}
