package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.SmtpReply;
import io.outpost.web.problem.Problem;
import org.junit.jupiter.api.Test;

class SubmissionProblemsTest {

    @Test
    void aMessageThatCannotBeSignedIsA422NamingTheProblem() {
        Problem problem = SubmissionProblems.of(SmtpReply.of(
                550, "5.6.0", "Message cannot be signed: header line 3 is not a header field: it has no colon"));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).isEqualTo(SubmissionProblems.MALFORMED);
        assertThat(problem.detail())
                .isEqualTo("Message cannot be signed: header line 3 is not a header field: it has no colon");
    }

    @Test
    void aHeaderSectionTooLargeToReadIsA413() {
        Problem problem =
                SubmissionProblems.of(SmtpReply.of(552, "5.3.4", "Message header section longer than 262144 octets"));

        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).isEqualTo(SubmissionProblems.TOO_LARGE);
        assertThat(problem.detail()).isEqualTo("Message header section longer than 262144 octets");
    }

    @Test
    void aQueueThatCannotTakeTheMessageIsStillA503() {
        Problem problem = SubmissionProblems.of(
                SmtpReply.of(451, "4.3.0", "Queue unavailable, message not accepted; please try again later"));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.type()).isEqualTo(SubmissionProblems.UNAVAILABLE);
    }
}
