package io.outpost.relay.checks;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sender's postal address in a bulk message, which CAN-SPAM requires of commercial mail (15 U.S.C. 7704(a)(5)(A)
 * (iii): "a valid physical postal address of the sender"), as do the German Impressum (§ 5 DDG) and others. Recognised
 * by its shape: a house number beside a street word, a post office box, or a postcode of the common formats (US ZIP,
 * UK, Canada, and the five-digit codes of Germany, France, Spain and Italy beside a town). A heuristic: it can miss an
 * unusual address, so a miss warns rather than blocks, and the fix says what it looks for.
 */
@ApplicationScoped
public class PostalAddressCheck implements PreSendCheck {

    static final String ID = "postal-address";
    static final String TITLE = "Postal address in the body";

    private static final List<Pattern> ADDRESS_SHAPES = List.of(
            // "1600 Amphitheatre Parkway", "10 Downing Street", "12 rue de la Paix"
            Pattern.compile(
                    "\\b\\d{1,5}[a-z]?,?\\s+(?:[\\p{L}.'-]+\\s+){0,4}(?:street|st\\.|road|rd\\.|avenue|ave\\.?"
                            + "|boulevard|blvd\\.?|lane|ln\\.|drive|dr\\.|way|parkway|place|square|court|terrace"
                            + "|highway|suite)\\b",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            Pattern.compile(
                    "\\b\\d{1,5}[a-z]?,?\\s+(?:rue|avenue|boulevard|place|chemin|all[ée]e|impasse|calle|via|viale"
                            + "|piazza)\\b",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            // "Hauptstraße 5", "Kirchweg 12a", "Marktplatz 1"
            Pattern.compile(
                    "\\p{L}+(?:stra(?:ß|ss)e|str\\.|weg|gasse|platz|allee|ring|damm|ufer)\\s+\\d{1,4}[a-z]?\\b",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            Pattern.compile(
                    "\\b(?:p\\.?\\s?o\\.?\\s?box|post office box|postfach|bo[iî]te postale|apartado)\\s*\\d+",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            // US: a state's two letters and a ZIP code, "CA 94043" or "CA 94043-1351"
            Pattern.compile("\\b[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?\\b"),
            // UK: "SW1A 2AA", "EC1A 1BB"
            Pattern.compile("\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b"),
            // Canada: "K1A 0B1"
            Pattern.compile("\\b[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d\\b"),
            // DE, FR, ES, IT: five digits and a town, "10115 Berlin", "75008 Paris"
            Pattern.compile("\\b\\d{5}\\s+\\p{Lu}\\p{L}+"));

    @Override
    public int order() {
        return 40;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        if (!message.bulk()) {
            return CheckResult.pass(ID, TITLE, "Not applicable: transactional mail needs no postal address.");
        }
        String text = BodyHtml.of(message).visibleText();
        return ADDRESS_SHAPES.stream()
                .map(shape -> shape.matcher(text))
                .filter(Matcher::find)
                .findFirst()
                .map(found ->
                        CheckResult.pass(ID, TITLE, "Found what looks like an address: \"" + found.group() + "\"."))
                .orElseGet(() -> new CheckResult(
                        ID,
                        TITLE,
                        CheckVerdict.WARN,
                        "No postal address found. Commercial mail must carry the sender's valid postal address"
                                + " (CAN-SPAM, 15 U.S.C. 7704(a)(5)); this check looks for a street and number, a PO"
                                + " box or a postcode, and may miss an unusual one.",
                        "Add your postal address to the footer, e.g. \"Shop Ltd, 10 High Street, London SW1A 1AA\"."));
    }
}
