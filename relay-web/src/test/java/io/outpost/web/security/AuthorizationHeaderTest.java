package io.outpost.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationHeaderTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Digest username=\"x\"", "Negotiate abc", "Token", "Basicx abc"})
    void readsNoHeaderOrAnUnknownSchemeAsAbsent(String header) {
        assertThat(AuthorizationHeader.parse(header)).isInstanceOf(AuthorizationHeader.Absent.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Basic|admin:secret|admin|secret",
                "basic|admin:se:cr:et|admin|se:cr:et",
                "BASIC|admin:|admin|''",
                "Basic|jörg:pässword|jörg|pässword"
            })
    void readsBasicCredentialsInAnyCaseOfTheScheme(String scheme, String pair, String user, String password) {
        String header = scheme + " " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));

        assertThat(AuthorizationHeader.parse(header)).isEqualTo(new AuthorizationHeader.Basic(user, password));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic", "Basic !!!", "Basic " + "bm9jb2xvbg==" /* nocolon */, "Basic " + "OnB3" /* :pw */})
    void refusesUnreadableBasicCredentials(String header) {
        assertThat(AuthorizationHeader.parse(header)).isInstanceOf(AuthorizationHeader.Malformed.class);
    }

    @ParameterizedTest
    @CsvSource({"Bearer op_abc.def,op_abc.def", "bearer   op_a-b_c.d~e+f/g==  ,op_a-b_c.d~e+f/g=="})
    void readsABearerToken(String header, String token) {
        assertThat(AuthorizationHeader.parse(header)).isEqualTo(new AuthorizationHeader.Bearer(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer op_abc def", "Bearer op_abc.dé", "Bearer =abc"})
    void refusesAMissingOrMalformedBearerToken(String header) {
        assertThat(AuthorizationHeader.parse(header)).isInstanceOf(AuthorizationHeader.Malformed.class);
    }

    @Test
    void neverShowsASecretInToString() {
        assertThat(new AuthorizationHeader.Basic("admin", "s3cret").toString()).doesNotContain("s3cret");
        assertThat(new AuthorizationHeader.Bearer("op_x.s3cret").toString()).doesNotContain("s3cret");
    }
}
