package io.outpost.web.request;

import io.outpost.web.problem.Problem;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for the {@code Accept} and {@code Content-Type} headers of a request, each throwing a
 * {@link ProblemException} that names the header. Lenient where clients in the wild are (a bare {@code *}, a weight
 * of {@code .2}, as Java's own HttpURLConnection sends), strict where a value would otherwise fail deep inside the
 * framework.
 */
public final class RequestHeaders {

    // RFC 9110 §5.6.2: token = 1*tchar.
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN);
    // RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); ".2" as legacy clients send it.
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?|\\.[0-9]{1,3}");
    // A comma outside a quoted string separates list elements (RFC 9110 §5.6.1).
    private static final Pattern LIST_SEPARATOR = Pattern.compile(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");

    private RequestHeaders() {}

    /** RFC 9110 §12.5.1: every element is a media range (or {@code *}) and every weight a number from 0 to 1. */
    public static void checkAccept(String value) {
        for (String element : LIST_SEPARATOR.split(value, -1)) {
            String[] parts = element.split(";", -1);
            String range = parts[0].trim();
            if (range.isEmpty() && parts.length == 1) {
                continue; // RFC 9110 §5.6.1: empty list elements are ignored
            }
            if (!range.equals("*") && !MEDIA_TYPE.matcher(range).matches()) {
                throw malformed("Accept", "\"" + range + "\" is not a media range such as application/json");
            }
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                int equals = parameter.indexOf('=');
                String name = (equals < 0 ? parameter : parameter.substring(0, equals)).trim();
                if (name.equalsIgnoreCase("q")) {
                    String weight =
                            equals < 0 ? "" : parameter.substring(equals + 1).trim();
                    if (!QVALUE.matcher(weight).matches()) {
                        throw malformed("Accept", "q=" + weight + " is not a weight from 0 to 1 (RFC 9110 §12.4.2)");
                    }
                }
            }
        }
    }

    /**
     * The charset a body is in: the {@code Content-Type}'s charset parameter, UTF-8 if it names none (RFC 8259 §8.1).
     * A media type that does not parse is a 400; a charset this server does not know is a 415.
     */
    public static Charset charsetOf(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!MEDIA_TYPE.matcher(parts[0].trim()).matches()) {
            throw malformed("Content-Type", "\"" + parts[0].trim() + "\" is not a media type such as application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).trim();
            if (name.toLowerCase(Locale.ROOT).equals("charset")) {
                return charset(equals < 0 ? "" : parameter.substring(equals + 1).trim());
            }
        }
        return StandardCharsets.UTF_8;
    }

    // The charset a charset parameter names, unquoted; 415 if this server does not know it.
    private static Charset charset(String name) {
        String unquoted = name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1)
                : name;
        Optional<Charset> known;
        try {
            known = Optional.of(Charset.forName(unquoted));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            known = Optional.empty();
        }
        return known.orElseThrow(() -> new ProblemException(new Problem(
                Problem.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported charset",
                415,
                "Content-Type: charset \"" + unquoted + "\" is not a charset this server knows; send UTF-8",
                List.of(new InvalidParam("Content-Type", "unknown charset \"" + unquoted + "\"")))));
    }

    private static ProblemException malformed(String header, String reason) {
        return new ProblemException(new Problem(
                Problem.MALFORMED_HEADER,
                "Malformed header",
                400,
                header + ": " + reason,
                List.of(new InvalidParam(header, reason))));
    }
}
