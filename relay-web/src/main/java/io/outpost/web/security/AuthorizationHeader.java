package io.outpost.web.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a request's {@code Authorization} header presents (RFC 9110 §11.6.2): nothing we read, Basic credentials
 * (RFC 7617), a Bearer token (RFC 6750 §2.1), or one of those two schemes with unusable content. Secrets never appear
 * in {@code toString}.
 */
sealed interface AuthorizationHeader {

    /** No header, or a scheme this server does not speak: as if the client had sent no credentials. */
    record Absent() implements AuthorizationHeader {}

    /** Basic or Bearer, but not readable as such. */
    record Malformed(String reason) implements AuthorizationHeader {}

    /** RFC 7617 §2: a user-id without a colon, a colon, a password. */
    record Basic(String username, String password) implements AuthorizationHeader {
        @Override
        public String toString() {
            return "Basic[" + username + ", password=(hidden)]";
        }
    }

    /** RFC 6750 §2.1: a b64token. */
    record Bearer(String token) implements AuthorizationHeader {
        @Override
        public String toString() {
            return "Bearer[(hidden)]";
        }
    }

    /** RFC 6750 §2.1 {@code b64token}. */
    Pattern B64_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    static AuthorizationHeader parse(String header) {
        if (header == null || header.isBlank()) {
            return new Absent();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : value.substring(space + 1).strip();
        // RFC 9110 §11.1: the scheme is case-insensitive.
        return switch (scheme) {
            case "basic" -> basic(rest);
            case "bearer" -> bearer(rest);
            default -> new Absent();
        };
    }

    private static AuthorizationHeader basic(String encoded) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return new Malformed("Basic credentials are not base64");
        }
        // RFC 7617 §2.1: UTF-8 is the only charset a server may announce; we read nothing else.
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return new Malformed("Basic credentials need a user name, a colon and a password");
        }
        return new Basic(pair.substring(0, colon), pair.substring(colon + 1));
    }

    private static AuthorizationHeader bearer(String token) {
        return B64_TOKEN.matcher(token).matches()
                ? new Bearer(token)
                : new Malformed("the Bearer token is missing or not a b64token");
    }
}
