package io.outpost.relay.blocklist;

import io.outpost.api.plugin.BlocklistStatus.Listing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The listings of a status as they are stored: one line per list, its name, detail and delisting page separated by tabs
 * (line breaks and tabs in a list's own text become spaces). Each field is cut to a bounded length and the whole is
 * capped at the column's 4,000 characters, dropping whole lines, so a list that says a great deal cannot make the status
 * unstorable.
 */
final class BlocklistListings {

    static final int MAX_LENGTH = 4_000;

    private BlocklistListings() {}

    static String encode(List<Listing> listings) {
        StringBuilder text = new StringBuilder();
        for (Listing listing : listings) {
            String line =
                    clean(listing.list(), 255) + "\t" + clean(listing.detail().orElse(""), 1_000) + "\t"
                            + clean(listing.delistUrl().orElse(""), 500);
            if (text.length() + line.length() + 1 > MAX_LENGTH) {
                break;
            }
            text.append(text.isEmpty() ? "" : "\n").append(line);
        }
        return text.toString();
    }

    static List<Listing> decode(String text) {
        List<Listing> listings = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            listings.add(new Listing(
                    fields[0],
                    present(fields.length > 1 ? fields[1] : ""),
                    present(fields.length > 2 ? fields[2] : "")));
        }
        return List.copyOf(listings);
    }

    /** The names of the lists, which say whether a listing changed (a detail may vary from one answer to the next). */
    static List<String> lists(List<Listing> listings) {
        return listings.stream().map(Listing::list).sorted().toList();
    }

    private static Optional<String> present(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    // Each field is cut to a length that lets the first line always fit: a listing is never stored without its list.
    private static String clean(String text, int max) {
        String one = text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max);
    }
}
