package io.outpost.relay.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spamd's answer to {@code REPORT}: the score and each rule hit, read from the {@code Spam:} header and the report's
 * table (" pts rule name  description", a line of dashes, then a line per rule whose description may go on in
 * indented lines).
 */
record SpamReport(double score, double threshold, List<SpamRule> rules) {

    private static final Pattern SPAM_HEADER =
            Pattern.compile("(?im)^Spam:\\s*\\w+\\s*;\\s*(-?\\d+(?:\\.\\d+)?)\\s*/\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern RULE = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)\\s+(\\S+)\\s*(.*)$");

    SpamReport {
        rules = List.copyOf(rules);
    }

    /**
     * Reads spamd's answer: its header section (after the {@code SPAMD/1.1 0 EX_OK} line) and body.
     *
     * @throws IllegalArgumentException when it has no {@code Spam:} header, as when spamd answers with an error
     */
    static SpamReport parse(String headers, String body) {
        Matcher spam = SPAM_HEADER.matcher(headers);
        if (!spam.find()) {
            throw new IllegalArgumentException("spamd's answer has no Spam: header: " + headers.strip());
        }
        return new SpamReport(Double.parseDouble(spam.group(1)), Double.parseDouble(spam.group(2)), rules(body));
    }

    private static List<SpamRule> rules(String body) {
        List<SpamRule> rules = new ArrayList<>();
        boolean inTable = false;
        String[] lines = body.split("\r?\n");
        for (String line : lines) {
            if (!inTable) {
                inTable = line.startsWith("----");
                continue;
            }
            if (line.isBlank()) {
                break;
            }
            Matcher rule = RULE.matcher(line);
            if (rule.matches()) {
                rules.add(new SpamRule(
                        Double.parseDouble(rule.group(1)),
                        rule.group(2),
                        rule.group(3).strip()));
            } else if (!rules.isEmpty()) {
                // A description that goes on in the next line.
                SpamRule last = rules.remove(rules.size() - 1);
                rules.add(new SpamRule(last.points(), last.name(), (last.description() + " " + line.strip()).strip()));
            }
        }
        return rules;
    }
}
