package io.outpost.relay.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserRoleTest {

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource({
        "OWNER,  POST,   /api/v1/users,            true",
        "OWNER,  POST,   /api/v1/messages,         true",
        "SENDER, POST,   /api/v1/messages,         true",
        "SENDER, DELETE, /api/v1/suppressions/a@b, true",
        "SENDER, GET,    /api/v1/users,            false",
        "SENDER, POST,   /api/v1/users,            false",
        "SENDER, DELETE, /api/v1/users/a@b.c,      false",
        "VIEWER, GET,    /api/v1/messages,         true",
        "VIEWER, HEAD,   /api/v1/stats,            true",
        "VIEWER, POST,   /api/v1/messages,         false",
        "VIEWER, PUT,    /api/v1/templates/x,      false",
        "VIEWER, DELETE, /api/v1/session,          true",
        "VIEWER, GET,    /api/v1/users,            false",
        "SENDER, GET,    /api/v1/usersettings,     true",
    })
    void eachRolePermitsWhatItMayDo(UserRole role, String method, String path, boolean permitted) {
        assertThat(role.permits(method, path)).isEqualTo(permitted);
    }

    @ParameterizedTest
    @CsvSource({"owner, OWNER", " Viewer , VIEWER", "SENDER, SENDER"})
    void isNamedInAnyCase(String name, UserRole role) {
        assertThat(UserRole.named(name)).contains(role);
    }
}
