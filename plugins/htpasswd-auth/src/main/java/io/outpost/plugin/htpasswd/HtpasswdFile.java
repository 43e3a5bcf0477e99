package io.outpost.plugin.htpasswd;

import io.outpost.api.tenant.CredentialId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parsed content of an htpasswd file: one {@code user:hash} per line, {@code #} comments and blank lines ignored.
 * Only bcrypt hashes are accepted ({@code htpasswd -B}); MD5 ({@code $apr1$}), SHA-1 and crypt entries are refused,
 * since they are too fast to resist a stolen file.
 */
record HtpasswdFile(Map<String, String> hashes, int maxCost) {

    // Modular crypt format for bcrypt: $2a$, $2b$ (OpenBSD), $2y$ (Apache, PHP), $2x$; cost; 22 salt + 31 hash chars.
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    /** The cost of the dummy hash when the file is empty: bcrypt's usual default. */
    static final int DEFAULT_COST = 10;

    HtpasswdFile {
        hashes = Map.copyOf(hashes);
    }

    /**
     * Parses the lines of a file.
     *
     * @throws IllegalArgumentException naming the first bad line
     */
    static HtpasswdFile parse(List<String> lines) {
        Map<String, String> hashes = new HashMap<>();
        int maxCost = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + number + ": expected user:hash");
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            try {
                CredentialId.of(user);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": unusable user name: " + e.getMessage());
            }
            var m = BCRYPT.matcher(hash);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + number + ": user " + user
                        + " has no bcrypt hash; only bcrypt is supported, create entries with htpasswd -B");
            }
            int cost = Integer.parseInt(m.group(1));
            if (cost < 4 || cost > 31) {
                throw new IllegalArgumentException("line " + number + ": bcrypt cost out of range: " + cost);
            }
            if (hashes.putIfAbsent(user, hash) != null) {
                throw new IllegalArgumentException("line " + number + ": user " + user + " appears twice");
            }
            maxCost = Math.max(maxCost, cost);
        }
        return new HtpasswdFile(hashes, maxCost == 0 ? DEFAULT_COST : maxCost);
    }
}
