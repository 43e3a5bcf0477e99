package io.outpost.relay.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.dkim.DkimKey.Algorithm;
import io.outpost.relay.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectorLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration OVERLAP = Duration.ofDays(7);

    private final SendingDomain domain = new SendingDomain(
            new Tenant(TenantId.of("acme"), "Acme", T0),
            Domain.of("example.test"),
            Domain.of("bounces.example.test"),
            T0);
    private final SelectorLifecycle lifecycle = new SelectorLifecycle(OVERLAP);

    @Test
    void aPendingPairBecomesActiveOnlyWhenBothRecordsVerify() {
        DkimSelector oldRsa = selector("old-r", Algorithm.RSA_SHA256, SelectorState.ACTIVE);
        DkimSelector newRsa = selector("new-r", Algorithm.RSA_SHA256, SelectorState.PENDING);
        DkimSelector newEd = selector("new-e", Algorithm.ED25519_SHA256, SelectorState.PENDING);

        List<DomainEvent> halfway = lifecycle.advance(domain, Set.of("new-r")::contains, T0.plusSeconds(60));

        assertThat(halfway).isEmpty();
        assertThat(newRsa.state()).isEqualTo(SelectorState.PENDING);
        assertThat(oldRsa.state()).isEqualTo(SelectorState.ACTIVE);

        List<DomainEvent> done = lifecycle.advance(domain, Set.of("new-r", "new-e")::contains, T0.plusSeconds(120));

        assertThat(done).extracting(e -> e.view().kind()).containsOnly(DomainEvent.Kind.SELECTOR_ACTIVATED);
        assertThat(done).extracting(e -> e.view().subject()).containsExactly("new-r", "new-e");
        assertThat(newRsa.state()).isEqualTo(SelectorState.ACTIVE);
        assertThat(newEd.state()).isEqualTo(SelectorState.ACTIVE);
        assertThat(oldRsa.state()).isEqualTo(SelectorState.RETIRING);
        assertThat(oldRsa.retireAt()).contains(T0.plusSeconds(120).plus(OVERLAP));
    }

    @Test
    void aRetiringSelectorStaysPublishedWithItsKeyUntilTheOverlapEnds() {
        DkimSelector old = selector("old-r", Algorithm.RSA_SHA256, SelectorState.ACTIVE);
        selector("new-r", Algorithm.RSA_SHA256, SelectorState.PENDING);
        lifecycle.advance(domain, name -> true, T0);

        List<DomainEvent> early =
                lifecycle.advance(domain, name -> true, T0.plus(OVERLAP).minusSeconds(1));

        assertThat(early).isEmpty();
        assertThat(old.state()).isEqualTo(SelectorState.RETIRING);
        assertThat(old.state().published()).isTrue();
        assertThat(old.sealedPrivateKey()).isPresent();
    }

    @Test
    void aSelectorIsRetiredWithItsKeyErasedOnceTheOverlapHasPassed() {
        DkimSelector old = selector("old-r", Algorithm.RSA_SHA256, SelectorState.ACTIVE);
        selector("new-r", Algorithm.RSA_SHA256, SelectorState.PENDING);
        lifecycle.advance(domain, name -> true, T0);

        List<DomainEvent> events = lifecycle.advance(domain, name -> true, T0.plus(OVERLAP));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.view().kind()).isEqualTo(DomainEvent.Kind.SELECTOR_RETIRED);
            assertThat(e.view().subject()).isEqualTo("old-r");
        });
        assertThat(old.state()).isEqualTo(SelectorState.RETIRED);
        assertThat(old.state().published()).isFalse();
        assertThat(old.sealedPrivateKey()).isEmpty();
    }

    @Test
    void nothingMovesWithoutARotation() {
        DkimSelector active = selector("only-r", Algorithm.RSA_SHA256, SelectorState.ACTIVE);

        assertThat(lifecycle.advance(domain, name -> true, T0.plus(Duration.ofDays(365))))
                .isEmpty();
        assertThat(active.state()).isEqualTo(SelectorState.ACTIVE);
    }

    private DkimSelector selector(String name, Algorithm algorithm, SelectorState state) {
        DkimSelector selector = new DkimSelector(domain, name, algorithm, state, "v1.sealed", "v=DKIM1; p=x", T0);
        domain.add(selector);
        return selector;
    }
}
