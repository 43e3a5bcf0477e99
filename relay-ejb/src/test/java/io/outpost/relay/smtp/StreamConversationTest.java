package io.outpost.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.plugin.Suppression;
import io.outpost.relay.rules.SenderPolicy;
import io.outpost.relay.rules.SendingLimits;
import io.outpost.relay.smtp.auth.Identity;
import io.outpost.relay.testing.SmtpTestClient;
import io.outpost.relay.testing.TestPipelines;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The stream of an SMTP submission: its submitter's default until the data ends, then what its X-Outpost-Stream field
 * names; the field never reaches the queue, and one naming no stream is refused for good.
 */
class StreamConversationTest extends ServerTestCase {

    private static final RelayPolicy SHOP_NETWORK = RelayPolicy.of(List.of("127.0.0.0/8=shop"), List.of());

    private final List<Map.Entry<PluginPhase, MessageStream>> seen = new CopyOnWriteArrayList<>();
    private final List<Identity> askedFor = new CopyOnWriteArrayList<>();

    private void startWithBulkDefault() throws Exception {
        SubmissionPolicy recorder = new SubmissionPolicy() {
            @Override
            public String name() {
                return "stream-recorder";
            }

            @Override
            public Set<PluginPhase> phases() {
                return Set.of(PluginPhase.MAIL, PluginPhase.MESSAGE);
            }

            @Override
            public Verdict check(PluginPhase phase, Submission submission) {
                seen.add(Map.entry(phase, submission.stream()));
                return Verdict.proceed();
            }
        };
        start(settings()
                .withRelayPolicy(SHOP_NETWORK)
                .withSubmission(TestPipelines.of(
                        SHOP_NETWORK,
                        SenderPolicy.ALLOW_ALL,
                        SendingLimits.UNLIMITED,
                        List.of(recorder),
                        Suppression.NONE,
                        decision -> {}))
                .withStreamDefaults(submitter -> {
                    askedFor.add(submitter);
                    return MessageStream.BULK;
                }));
    }

    @Test
    void theSubmittersDefaultHoldsUntilTheFieldNamesAnotherWhichNeverReachesTheQueue() throws Exception {
        startWithBulkDefault();
        SmtpTestClient client = connectWithRecipient();

        client.command("DATA");
        client.send("From: a@shop.example\r\nX-Outpost-Stream: Transactional\r\nX-Outpost-Track: none\r\n"
                + "Subject: hi\r\n\r\nhi\r\n.\r\n");

        assertThat(client.reply()).startsWith("250");
        assertThat(seen)
                .containsExactly(
                        Map.entry(PluginPhase.MAIL, MessageStream.BULK),
                        Map.entry(PluginPhase.MESSAGE, MessageStream.TRANSACTIONAL));
        assertThat(askedFor).extracting(Identity::tenant).containsOnly(TenantId.of("shop"));
        ReceivedMessage queued = acceptor.messages().get(0);
        assertThat(queued.stream()).isEqualTo(MessageStream.TRANSACTIONAL);
        assertThat(queued.trackingAsked()).contains("none");
        assertThat(new String(queued.content().toByteArray(), StandardCharsets.US_ASCII))
                .contains("Subject: hi")
                .doesNotContainIgnoringCase("X-Outpost-Stream")
                .doesNotContainIgnoringCase("X-Outpost-Track");
    }

    @Test
    void withoutTheFieldTheMessageGoesOnTheDefault() throws Exception {
        startWithBulkDefault();
        SmtpTestClient client = connectWithRecipient();

        client.command("DATA");
        client.send("From: a@shop.example\r\nSubject: hi\r\n\r\nhi\r\n.\r\n");

        assertThat(client.reply()).startsWith("250");
        assertThat(acceptor.messages()).singleElement().satisfies(m -> assertThat(m.stream())
                .isEqualTo(MessageStream.BULK));
    }

    @Test
    void aFieldNamingNoStreamIsRefusedForGoodAndNothingIsQueued() throws Exception {
        startWithBulkDefault();
        SmtpTestClient client = connectWithRecipient();

        client.command("DATA");
        client.send("From: a@shop.example\r\nX-Outpost-Stream: newsletter\r\n\r\nhi\r\n.\r\n");

        assertThat(client.reply())
                .isEqualTo("550 5.6.0 X-Outpost-Stream must be transactional or bulk, once; not \"newsletter\"");
        assertThat(acceptor.messages()).isEmpty();
    }
}
