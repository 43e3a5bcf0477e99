package io.outpost.relay.bounce;

import io.outpost.api.mail.SmtpReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rule table that classifies a bounce from its enhanced status code and its text, the first matching rule winning.
 * One rule a line: {@code <status> <class> [<text>]}, e.g. {@code 5.1.1 hard} or {@code *.*.* mailbox_full over
 * quota}; {@code #} starts a comment. The built-in table ({@code bounce-rules.txt} beside this class) comes last, so an
 * operator's rules ({@code outpost.bounces.rules-file}) go before it and win. A reply without an enhanced status code is
 * read as {@code <its class>.0.0} (RFC 3463 §3.1: X.0.0, other undefined status). Immutable and thread-safe.
 */
public final class BounceRules {

    private static final Pattern STATUS = Pattern.compile("(\\*|[245])\\.(\\*|\\d{1,3})\\.(\\*|\\d{1,3})");

    // After STATUS, which reading them needs during class initialisation.
    /** The rules Outpost ships with. */
    public static final BounceRules BUILT_IN = builtIn();

    private final List<BounceRule> rules;

    private BounceRules(List<BounceRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules in {@code text}, one a line.
     *
     * @param source names the text in an error, e.g. the file it came from
     * @throws IllegalArgumentException naming the line that is not a rule, and why
     */
    public static BounceRules parse(String text, String source) {
        List<BounceRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            String where = source + " line " + (i + 1) + ": ";
            if (parts.length < 2 || !STATUS.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException(
                        where + "a rule is <status like 5.1.1 or 5.*.*> <class> [text]: " + line);
            }
            BounceClass bounceClass = BounceClass.named(parts[1])
                    .orElseThrow(() -> new IllegalArgumentException(
                            where + "the class is one of hard, soft, mailbox_full, policy, unknown: " + parts[1]));
            Optional<Pattern> pattern;
            try {
                pattern = parts.length == 3
                        ? Optional.of(Pattern.compile(parts[2], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                        : Optional.empty();
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + "the text is not a regular expression: " + e.getMessage());
            }
            rules.add(new BounceRule(parts[0].split("\\."), bounceClass, pattern));
        }
        return new BounceRules(rules);
    }

    /** These rules, then {@code later}'s. */
    public BounceRules before(BounceRules later) {
        List<BounceRule> all = new ArrayList<>(rules);
        all.addAll(later.rules);
        return new BounceRules(all);
    }

    /** The class of a remote reply, or of a relay's own permanent failure. */
    public BounceClass classify(SmtpReply reply) {
        return classify(reply.enhancedStatus().orElse(reply.code() / 100 + ".0.0"), String.join(" ", reply.lines()));
    }

    /** The class of a status code and its text (a DSN's Status and Diagnostic-Code, RFC 3464 §2.3.4, §2.3.6). */
    public BounceClass classify(String enhancedStatus, String text) {
        for (BounceRule rule : rules) {
            if (rule.matches(enhancedStatus, text)) {
                return rule.bounceClass();
            }
        }
        return BounceClass.UNKNOWN;
    }

    private static BounceRules builtIn() {
        try (InputStream in = BounceRules.class.getResourceAsStream("bounce-rules.txt")) {
            if (in == null) {
                throw new IllegalStateException("bounce-rules.txt is missing from the relay's classes");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bounce-rules.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
