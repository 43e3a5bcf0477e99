package io.outpost.relay.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserRoleTest {

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource({
        "OWNER,  POST,   OWNERS,      true",
        "OWNER,  DELETE, SENDING,     true",
        "SENDER, POST,   SENDING,     true",
        "SENDER, DELETE, SENDING,     true",
        "SENDER, GET,    OWNERS,      false",
        "SENDER, POST,   OWNERS,      false",
        "SENDER, DELETE, OWN_SESSION, true",
        "VIEWER, GET,    SENDING,     true",
        "VIEWER, HEAD,   SENDING,     true",
        "VIEWER, POST,   SENDING,     false",
        "VIEWER, PUT,    SENDING,     false",
        "VIEWER, DELETE, SENDING,     false",
        "VIEWER, GET,    OWNERS,      false",
        "VIEWER, DELETE, OWN_SESSION, true",
    })
    void eachRolePermitsWhatItMayDo(UserRole role, String method, UserRole.Access access, boolean permitted) {
        assertThat(role.permits(method, access)).isEqualTo(permitted);
    }

    @ParameterizedTest
    @CsvSource({"owner, OWNER", " Viewer , VIEWER", "SENDER, SENDER"})
    void isNamedInAnyCase(String name, UserRole role) {
        assertThat(UserRole.named(name)).contains(role);
    }
}
