package io.outpost.web.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.SmtpReply;
import io.outpost.web.problem.Problem;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SubmissionProblemsTest {

    @Test
    void aMessageThatCannotBeSignedIsA422NamingTheProblem() {
        Problem problem = SubmissionProblems.of(
                SmtpReply.of(
                        550, "5.6.0", "Message cannot be signed: header line 3 is not a header field: it has no colon"),
                Optional.empty());

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).isEqualTo(SubmissionProblems.MALFORMED);
        assertThat(problem.detail())
                .isEqualTo("Message cannot be signed: header line 3 is not a header field: it has no colon");
    }

    @Test
    void aHeaderSectionTooLargeToReadIsA413() {
        Problem problem = SubmissionProblems.of(
                SmtpReply.of(552, "5.3.4", "Message header section longer than 262144 octets"), Optional.empty());

        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).isEqualTo(SubmissionProblems.TOO_LARGE);
        assertThat(problem.detail()).isEqualTo("Message header section longer than 262144 octets");
    }

    @Test
    void aQueueThatCannotTakeTheMessageIsStillA503() {
        Problem problem = SubmissionProblems.of(
                SmtpReply.of(451, "4.3.0", "Queue unavailable, message not accepted; please try again later"),
                Optional.empty());

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.type()).isEqualTo(SubmissionProblems.UNAVAILABLE);
    }

    @Test
    void aSenderBindingRefusalNamesTheFromFieldAndAnotherPolicysDoesNot() {
        SmtpReply reply = SmtpReply.of(550, "5.7.1", "refused");

        Problem binding = SubmissionProblems.of(reply, Optional.of("sender-binding"));
        Problem plugin = SubmissionProblems.of(reply, Optional.of("header-checks"));

        assertThat(binding.status()).isEqualTo(403);
        assertThat(binding.type()).isEqualTo(SubmissionProblems.SENDER_NOT_ALLOWED);
        assertThat(binding.invalidParams())
                .extracting(Problem.InvalidParam::name)
                .containsExactly("from");
        assertThat(plugin.status()).isEqualTo(403);
        assertThat(plugin.type()).isEqualTo(SubmissionProblems.REFUSED_BY_POLICY);
        assertThat(plugin.invalidParams()).isEmpty();
    }

    @Test
    void aRefusalNamesThePolicyAndTheRecordOfTheRefusedMessage() {
        assertThat(SubmissionProblems.members(Optional.of("header-checks"), OptionalLong.of(42)))
                .containsExactly(Map.entry("refusedBy", "header-checks"), Map.entry("messageId", "42"));
        assertThat(SubmissionProblems.members(Optional.empty(), OptionalLong.empty()))
                .isEmpty();
    }

    @Test
    void onlyTheSendingLimitsRuleAnswers429AnotherPolicysDeferIsA503() {
        SmtpReply later = SmtpReply.of(451, "4.7.1", "try later");

        assertThat(SubmissionProblems.of(later, Optional.of("sending-limits")).status())
                .isEqualTo(429);
        assertThat(SubmissionProblems.of(later, Optional.of("header-checks")).status())
                .isEqualTo(503);
    }
}
