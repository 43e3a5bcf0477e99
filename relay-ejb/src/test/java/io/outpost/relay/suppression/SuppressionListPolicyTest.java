package io.outpost.relay.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionListPolicyTest {

    private static final TenantId SHOP = TenantId.of("shop");
    private static final EmailAddress ANN = EmailAddress.parse("ann@example.com");

    private final List<String> asked = new ArrayList<>();
    private Optional<SuppressionEntry> held = Optional.empty();
    private final Set<TenantId> refusingAtRcpt = new HashSet<>();
    private final SuppressionListPolicy policy = new SuppressionListPolicy(
            (tenant, stream, topic, recipient) -> {
                asked.add(tenant.map(TenantId::value).orElse("-") + " " + stream.wireName()
                        + topic.map(name -> "/" + name).orElse("") + " " + recipient);
                return held;
            },
            refusingAtRcpt::contains);

    @Test
    void acceptsEveryRecipientWhenGivenSoThatAClientCannotProbeTheList() {
        held = Optional.of(entry(SuppressionScope.tenant(SHOP, Optional.empty()), SuppressionReason.UNSUBSCRIBE));

        Verdict verdict = policy.check(query(PluginPhase.RCPT));

        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.CONTINUE);
        assertThat(asked).isEmpty();
    }

    @Test
    void aTenantThatAskedForItRefusesAListedRecipientWhenGivenAndOnlyThen() {
        refusingAtRcpt.add(SHOP);

        Verdict free = policy.check(query(PluginPhase.RCPT));
        held = Optional.of(entry(SuppressionScope.tenant(SHOP, Optional.empty()), SuppressionReason.HARD_BOUNCE));
        Verdict listed = policy.check(query(PluginPhase.RCPT));

        assertThat(free.kind()).isEqualTo(Verdict.Kind.CONTINUE);
        assertThat(listed.kind()).isEqualTo(Verdict.Kind.REJECT);
        assertThat(listed.reply().orElseThrow().toString()).isEqualTo("550 5.7.1 Recipient suppressed: hard_bounce");
        assertThat(asked).containsExactly("shop bulk ann@example.com", "shop bulk ann@example.com");
    }

    @Test
    void beforeDeliveryRefusesAHeldRecipientForGoodNamingTheReason() {
        held = Optional.of(
                entry(SuppressionScope.tenant(SHOP, Optional.of(MessageStream.BULK)), SuppressionReason.UNSUBSCRIBE));

        Verdict verdict = policy.check(query(PluginPhase.PRE_DELIVERY));

        assertThat(asked).containsExactly("shop bulk ann@example.com");
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.REJECT);
        assertThat(verdict.reply().orElseThrow().toString()).isEqualTo("550 5.7.1 Recipient suppressed: unsubscribe");
        assertThat(verdict.reason()).isEqualTo("ann@example.com on the bulk suppression list (unsubscribe)");
    }

    @Test
    void saysWhenTheOperatorsListHoldsIt() {
        held = Optional.of(entry(SuppressionScope.operator(), SuppressionReason.COMPLAINT));

        assertThat(policy.check(query(PluginPhase.PRE_DELIVERY)).reason())
                .isEqualTo("ann@example.com on the operator's suppression list (complaint)");
    }

    @Test
    void continuesWhenNoListHoldsTheRecipient() {
        assertThat(policy.check(query(PluginPhase.PRE_DELIVERY)).kind()).isEqualTo(Verdict.Kind.CONTINUE);
        assertThat(asked).hasSize(1);
    }

    private static SuppressionQuery query(PluginPhase phase) {
        return new SuppressionQuery(
                phase,
                Optional.of(SHOP),
                ReversePath.of(EmailAddress.parse("news@shop.example")),
                ANN,
                MessageStream.BULK);
    }

    private static SuppressionEntry entry(SuppressionScope scope, SuppressionReason reason) {
        return new SuppressionEntry(
                scope,
                SuppressionTarget.address(ANN),
                reason,
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Instant.parse("2026-12-05T12:00:00Z"),
                Optional.empty());
    }
}
