package io.outpost.api.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Wire form and validation of SMTP replies. */
class SmtpReplyTest {

    @Test
    void writesEnhancedStatusOnEveryLine() {
        SmtpReply reply = new SmtpReply(550, Optional.of("5.7.1"), List.of("first", "second"));
        assertThat(new String(reply.toWire(), StandardCharsets.US_ASCII))
                .isEqualTo("550-5.7.1 first\r\n550 5.7.1 second\r\n");
    }

    @Test
    void buildsIntermediateReplyWithoutEnhancedStatus() {
        assertThat(new String(SmtpReply.intermediate(354, "go ahead").toWire(), StandardCharsets.US_ASCII))
                .isEqualTo("354 go ahead\r\n");
    }

    @Test
    void refusesIntermediateFactoryForFinalReplyCodes() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmtpReply.intermediate(250, "ok"));
    }

    @Test
    void refusesEnhancedStatusForIntermediateReply() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmtpReply.of(354, "2.0.0", "go ahead"));
    }

    @Test
    void refusesStatusClassThatDoesNotMatchTheCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmtpReply.of(550, "4.7.1", "no"));
    }
}
