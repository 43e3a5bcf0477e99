package io.outpost.relay.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void anIpLiteralIsReadAndANameNeverLookedUp() {
        assertThat(IpLiteral.parse("192.0.2.7").getHostAddress()).isEqualTo("192.0.2.7");
        assertThat(IpLiteral.parse("2001:db8::1").getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThatIllegalArgumentException().isThrownBy(() -> IpLiteral.parse("cafe.be"));
        assertThatIllegalArgumentException().isThrownBy(() -> IpLiteral.parse("localhost"));
    }
}
