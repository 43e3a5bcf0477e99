package io.outpost.relay.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.tracking.TrackingOverride;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An HTTP submission names each recipient mailbox once, by the rule SMTP transactions use. */
class HttpSubmissionTest {

    @Test
    void keepsEachMailboxOnceWhenToCcAndBccRepeatIt() {
        HttpSubmission submission = new HttpSubmission(
                TenantId.of("tenant-1"),
                "key-1",
                InetAddress.getLoopbackAddress(),
                Optional.of(new ClientConnection.Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256")),
                ReversePath.of(EmailAddress.parse("alice@sender.example")),
                List.of(
                        EmailAddress.parse("bob@example.org"),
                        EmailAddress.parse("carol@example.org"),
                        EmailAddress.parse("bob@EXAMPLE.ORG"),
                        EmailAddress.parse("Bob@example.org")),
                new byte[0],
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                TrackingOverride.NONE,
                Optional.empty());
        assertThat(submission.recipients())
                .extracting(EmailAddress::toString)
                .containsExactly("bob@example.org", "carol@example.org", "Bob@example.org");
    }
}
