package io.outpost.plugin.headerchecks;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.HeaderField;
import io.outpost.api.plugin.MessageHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of the file, in order. One rule per line:
 *
 * <pre>
 * # field name, /regular expression/ (i: ignore case), REJECT or DEFER, the reply text (optional)
 * Subject   /lottery|you have won/i   REJECT  No lottery mail here
 * X-Mailer  /^BulkBlaster/            DEFER   Your mailer is being reviewed; try again later
 * </pre>
 *
 * <p>A field matches when its unfolded value, without surrounding white space, contains a match of the expression
 * (Java syntax; {@code \/} for a slash). The first rule that any field matches decides. REJECT answers {@code 550 5.7.1}
 * and DEFER {@code 451 4.7.1} (RFC 3463 X.7.1: delivery not authorized), with the text given or a default. Blank lines
 * and lines starting with {@code #} are ignored; any other line that does not parse makes the file invalid, naming the
 * line.
 */
final class HeaderRules {

    static final String DEFAULT_REJECT = "Message refused by this relay's header checks";
    static final String DEFAULT_DEFER = "Message deferred by this relay's header checks; try again later";

    // RFC 5322 §3.6.8: a field name is printable US-ASCII except the colon.
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

    private final List<HeaderRule> rules;

    private HeaderRules(List<HeaderRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses the file's lines; throws {@link IllegalArgumentException} naming the first line that is not a rule. */
    static HeaderRules parse(List<String> lines) {
        List<HeaderRule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(rule(line, i + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new HeaderRules(rules);
    }

    int size() {
        return rules.size();
    }

    /** The first rule a field of {@code headers} matches. */
    Optional<HeaderRule> firstMatch(MessageHeaders headers) {
        for (HeaderRule rule : rules) {
            for (HeaderField field : headers.fields()) {
                if (rule.matches(field.name(), field.value())) {
                    return Optional.of(rule);
                }
            }
        }
        return Optional.empty();
    }

    private static HeaderRule rule(String line, int number) {
        int space = indexOfWhiteSpace(line, 0);
        if (space < 0) {
            throw new IllegalArgumentException("expected: field name, /expression/, REJECT or DEFER, text");
        }
        String name = line.substring(0, space);
        if (!FIELD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a header field name");
        }
        String rest = line.substring(space).stripLeading();
        if (!rest.startsWith("/")) {
            throw new IllegalArgumentException("the expression must be written /like this/");
        }
        int close = closingSlash(rest);
        String expression = rest.substring(1, close).replace("\\/", "/");
        int after = close + 1;
        boolean ignoreCase = after < rest.length() && rest.charAt(after) == 'i';
        after += ignoreCase ? 1 : 0;
        String[] action = rest.substring(after).strip().split("\\s+", 2);
        SmtpReply reply = reply(action[0], action.length > 1 ? action[1] : "");
        Pattern pattern;
        try {
            pattern = Pattern.compile(expression, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad expression: " + e.getDescription(), e);
        }
        return new HeaderRule(name.toLowerCase(Locale.ROOT), pattern, reply, number);
    }

    private static SmtpReply reply(String action, String text) {
        return switch (action) {
            case "REJECT" -> SmtpReply.of(550, "5.7.1", text.isEmpty() ? DEFAULT_REJECT : text);
            case "DEFER" -> SmtpReply.of(451, "4.7.1", text.isEmpty() ? DEFAULT_DEFER : text);
            default -> throw new IllegalArgumentException("the action must be REJECT or DEFER, not '" + action + "'");
        };
    }

    // The slash that ends the expression: the first one not escaped by a backslash.
    private static int closingSlash(String rest) {
        for (int i = 1; i < rest.length(); i++) {
            if (rest.charAt(i) == '\\') {
                i++;
            } else if (rest.charAt(i) == '/') {
                return i;
            }
        }
        throw new IllegalArgumentException("the expression has no closing /");
    }

    private static int indexOfWhiteSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
