package io.outpost.relay.content;

import java.util.Locale;

/**
 * Tells bulk mail (newsletters, campaigns, list mail) from the rest by the fields such mail carries: {@code
 * List-Unsubscribe} (RFC 2369 §3.2), {@code List-Id} (RFC 2919) or {@code Precedence: bulk}, {@code list} or {@code
 * junk} (the de facto field RFC 3834 §2 names). Until messages name their stream (transactional or bulk), this is how
 * the relay knows which mail may wait while a blocklist names its sender.
 */
public final class BulkMail {

    private BulkMail() {}

    public static boolean isBulk(byte[] headerSection) {
        if (HeaderFields.contains(headerSection, "List-Unsubscribe")
                || HeaderFields.contains(headerSection, "List-Id")) {
            return true;
        }
        return HeaderFields.values(headerSection, "Precedence").stream()
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .anyMatch(value -> value.equals("bulk") || value.equals("list") || value.equals("junk"));
    }
}
