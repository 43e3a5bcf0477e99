package io.outpost.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.SmtpReply;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void rejectWithoutReplyUsesTheDefault550() {
        assertThat(Verdict.reject("listed").effectiveReply()).contains(SmtpReply.of(550, "5.7.1", "Refused by policy"));
    }

    @Test
    void deferWithoutReplyUsesTheDefault451() {
        assertThat(Verdict.defer("busy").effectiveReply().orElseThrow().toString())
                .startsWith("451 4.3.0");
    }

    @Test
    void continueAndAcceptHaveNoDefaultReply() {
        assertThat(Verdict.proceed().effectiveReply()).isEmpty();
        assertThat(Verdict.accept("ok").effectiveReply()).isEmpty();
    }

    @Test
    void aPluginsOwnReplyWins() {
        SmtpReply own = SmtpReply.of(554, "5.7.9", "Mechanism disabled");
        assertThat(Verdict.reject("policy", own).effectiveReply()).contains(own);
    }

    @Test
    void refusesAReplyThatDoesNotFitTheKind() {
        assertThatThrownBy(() -> Verdict.reject("x", SmtpReply.of(451, "4.3.0", "later")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verdict.defer("x", SmtpReply.of(550, "5.7.1", "no")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blankReasonBecomesTheKindName() {
        assertThat(Verdict.reject(" ").reason()).isEqualTo("reject");
    }
}
