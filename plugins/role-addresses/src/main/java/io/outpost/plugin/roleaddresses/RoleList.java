package io.outpost.plugin.roleaddresses;

import io.outpost.api.mail.EmailAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local parts refused as role addresses, each held as its key: lower-case, without a {@code +tag}, and without
 * {@code -}, {@code _} and {@code .}, so that {@code No-Reply+x}, {@code no_reply} and {@code noreply} are one.
 *
 * <p>The built-in list holds the mailboxes RFC 2142 gives to functions ({@code abuse}, {@code postmaster},
 * {@code hostmaster}, {@code noc}, {@code security} ...) and others that no person reads or that never asked for a
 * newsletter ({@code noreply}, {@code mailer-daemon}, {@code list-request} ...). It leaves out {@code info},
 * {@code sales}, {@code support}, {@code contact} and {@code hello}: companies legitimately subscribe those.
 */
record RoleList(Set<String> keys) {

    /** The built-in list, as keys. */
    static final Set<String> BUILT_IN = Set.of(
            "abuse",
            "admin",
            "administrator",
            "devnull",
            "dns",
            "donotreply",
            "ftp",
            "hostmaster",
            "list",
            "listrequest",
            "mailerdaemon",
            "noc",
            "noreply",
            "null",
            "phishing",
            "postmaster",
            "privacy",
            "root",
            "security",
            "spam",
            "sysadmin",
            "undisclosedrecipients",
            "unsubscribe",
            "usenet",
            "uucp",
            "webmaster",
            "www");

    RoleList {
        keys = Set.copyOf(keys);
    }

    /**
     * The built-in list with the local parts of {@code also} added and those of {@code except} taken out, each a
     * comma-separated list of local parts (blank items are ignored).
     *
     * @throws IllegalArgumentException naming the setting and the entry that is not a plain local part, an
     *     {@code except} entry that is not on the built-in list, or an entry in both
     */
    static RoleList of(String also, String except) {
        Set<String> added = entries("also", also);
        Set<String> removed = entries("except", except);
        Set<String> unknown = new TreeSet<>(removed);
        unknown.removeAll(BUILT_IN);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "setting 'except': " + unknown + " not on the built-in list " + new TreeSet<>(BUILT_IN));
        }
        Set<String> both = new TreeSet<>(added);
        both.retainAll(removed);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("settings 'also' and 'except' both name " + both);
        }
        Set<String> keys = new HashSet<>(BUILT_IN);
        keys.removeAll(removed);
        keys.addAll(added);
        return new RoleList(keys);
    }

    /** The key of the role {@code recipient} is an address of, if it is one. */
    Optional<String> roleOf(EmailAddress recipient) {
        String key = key(recipient.localPart());
        return keys.contains(key) ? Optional.of(key) : Optional.empty();
    }

    int size() {
        return keys.size();
    }

    /**
     * A local part's key: unquoted (RFC 5321 §4.1.2: {@code "abuse"} and {@code abuse} are one local part), lower-case,
     * cut at the first {@code +} (the subaddress tag most receivers ignore), without {@code -}, {@code _} and
     * {@code .}. Folding case is the receiving host's right alone (RFC 5321 §2.4), but a policy meant to stop mail must
     * not be dodged by writing {@code Abuse@}: here, erring towards not sending is the safe side.
     */
    static String key(String localPart) {
        String plain = unquoted(localPart).toLowerCase(Locale.ROOT);
        int plus = plain.indexOf('+');
        if (plus >= 0) {
            plain = plain.substring(0, plus);
        }
        StringBuilder key = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c != '-' && c != '_' && c != '.') {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static String unquoted(String localPart) {
        if (localPart.length() < 2 || !localPart.startsWith("\"") || !localPart.endsWith("\"")) {
            return localPart;
        }
        StringBuilder plain = new StringBuilder(localPart.length());
        for (int i = 1; i < localPart.length() - 1; i++) {
            char c = localPart.charAt(i);
            if (c == '\\' && i + 1 < localPart.length() - 1) {
                c = localPart.charAt(++i);
            }
            plain.append(c);
        }
        return plain.toString();
    }

    private static Set<String> entries(String setting, String list) {
        List<String> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String item : list.split(",", -1)) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String key = key(entry);
            if (key.isEmpty()
                    || entry.contains("@")
                    || entry.contains("+")
                    || entry.contains("\"")
                    || entry.chars().anyMatch(Character::isWhitespace)) {
                problems.add(entry);
            } else {
                keys.add(key);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("setting '" + setting + "': " + problems
                    + " not a local part such as noreply (no @, + tag, quotes or spaces)");
        }
        return keys;
    }
}
