package io.outpost.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutpostAuthenticationMechanismTest {

    @ParameterizedTest
    @CsvSource({
        "/api/v1/admin,true",
        "/api/v1/admin/tenants,true",
        "/api/v1/administrators,false",
        "/api/v1/tenant,false",
        "/api/v1/queue/stats,false"
    })
    void challengesWithBasicOnlyOnTheAdminApi(String path, boolean admin) {
        assertThat(OutpostAuthenticationMechanism.isAdminApi(path)).isEqualTo(admin);
        assertThat(OutpostAuthenticationMechanism.challenge(OutpostAuthenticationMechanism.isAdminApi(path), false))
                .startsWith(admin ? "Basic realm=\"outpost-admin\"" : "Bearer realm=\"outpost\"");
    }

    @ParameterizedTest
    @CsvSource({
        "false,'Bearer realm=\"outpost\", error=\"invalid_token\"'",
        "true,'Basic realm=\"outpost-admin\", charset=\"UTF-8\"'"
    })
    void namesARejectedTokenInTheBearerChallengeOnly(boolean admin, String challenge) {
        assertThat(OutpostAuthenticationMechanism.challenge(admin, true)).isEqualTo(challenge);
    }
}
