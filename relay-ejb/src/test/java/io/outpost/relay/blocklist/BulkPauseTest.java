package io.outpost.relay.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BulkPauseTest {

    private static final Domain SHOP = Domain.of("shop.example");

    @Test
    void bulkMailFromAListedDomainOrItsSubdomainsOrWithItsReturnPathWaits() {
        BulkPause pause = new BulkPause(Map.of(), Map.of(SHOP, List.of("dbl.test")));

        assertThat(pause.replyFor(List.of(SHOP), Optional.empty())).hasValueSatisfying(reply -> {
            assertThat(reply.code()).isEqualTo(451);
            assertThat(reply.enhancedStatus()).contains("4.7.1");
            assertThat(reply.toString()).contains("sending domain shop.example is listed on dbl.test");
        });
        assertThat(pause.replyFor(List.of(Domain.of("news.shop.example")), Optional.empty()))
                .isPresent();
        assertThat(pause.replyFor(List.of(Domain.of("bank.example")), Optional.of(Domain.of("bounces.shop.example"))))
                .isPresent();
        assertThat(pause.replyFor(List.of(Domain.of("myshop.example")), Optional.empty()))
                .isEmpty();
    }

    @Test
    void aListedOutboundAddressPausesAllBulkMail() {
        BulkPause pause = new BulkPause(Map.of("192.0.2.25", List.of("zen.test")), Map.of());

        assertThat(pause.replyFor(List.of(Domain.of("bank.example")), Optional.empty()))
                .hasValueSatisfying(reply ->
                        assertThat(reply.toString()).contains("outbound address 192.0.2.25 is listed on zen.test"));
        assertThat(BulkPause.NONE.isEmpty()).isTrue();
        assertThat(BulkPause.NONE.replyFor(List.of(SHOP), Optional.empty())).isEmpty();
    }
}
