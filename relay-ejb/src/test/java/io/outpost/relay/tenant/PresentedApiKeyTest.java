package io.outpost.relay.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PresentedApiKeyTest {

    @Test
    void splitsAKeyAtTheFirstDot() {
        assertThat(PresentedApiKey.parse("op_Ab-_9xyzABCDEFGH.s3cr-et_X"))
                .contains(new PresentedApiKey("op_Ab-_9xyzABCDEFGH", "s3cr-et_X"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "op_abc",
                "op_abc.",
                ".secret",
                "op_.secret",
                "xx_abc.secret",
                "op_abc.sec.ret",
                "op_abc.sec ret",
                "op_a/c.secret",
                "op_abc.s€cret"
            })
    void refusesWhatIsNotShapedLikeAKey(String presented) {
        assertThat(PresentedApiKey.parse(presented)).isEmpty();
    }

    @Test
    void neverShowsTheSecretInToString() {
        assertThat(new PresentedApiKey("op_abc", "s3cret").toString())
                .contains("op_abc")
                .doesNotContain("s3cret");
    }
}
