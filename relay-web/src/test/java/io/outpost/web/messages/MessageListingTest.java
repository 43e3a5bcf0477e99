package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outpost.api.tenant.TenantId;
import io.outpost.web.problem.Problem.InvalidParam;
import io.outpost.web.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageListingTest {

    private static final Optional<TenantId> SHOP = Optional.of(TenantId.of("shop"));

    @Test
    void readsATagAsTheMessagesCarryIt() {
        MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
        parameters.add("tag", "spring_sale:2026");

        assertThat(MessageListing.query(parameters, SHOP).tag()).contains("spring_sale:2026");
    }

    @Test
    void aTagNoMessageCouldCarryIsA400NamingIt() {
        MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
        parameters.add("tag", "spring sale");

        ProblemException refused =
                catchThrowableOfType(ProblemException.class, () -> MessageListing.query(parameters, SHOP));

        assertThat(refused.problem().invalidParams())
                .extracting(InvalidParam::name)
                .containsExactly("tag");
    }
}
