package io.outpost.relay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.campaign.CampaignState.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignStateTest {

    @ParameterizedTest(name = "{0} then {1} (due: {2}) is {3}")
    @CsvSource({
        "SCHEDULED, PAUSE, false, PAUSED",
        "SENDING, PAUSE, true, PAUSED",
        "PAUSED, RESUME, true, SENDING",
        "PAUSED, RESUME, false, SCHEDULED",
        "SCHEDULED, CANCEL, false, CANCELLED",
        "SENDING, CANCEL, true, CANCELLED",
        "PAUSED, CANCEL, true, CANCELLED"
    })
    void anAllowedActionLeadsToItsState(CampaignState from, Action action, boolean due, CampaignState to) {
        assertThat(from.allows(action)).isTrue();
        assertThat(from.after(action, due)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} cannot {1}")
    @CsvSource({
        "PAUSED, PAUSE",
        "SCHEDULED, RESUME",
        "SENDING, RESUME",
        "SENT, PAUSE",
        "SENT, RESUME",
        "SENT, CANCEL",
        "CANCELLED, PAUSE",
        "CANCELLED, RESUME",
        "CANCELLED, CANCEL"
    })
    void anActionTheStateDoesNotAllowIsRefused(CampaignState from, Action action) {
        assertThat(from.allows(action)).isFalse();
        assertThatThrownBy(() -> from.after(action, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(from.wireName());
    }

    @ParameterizedTest(name = "{0} is sent by the sender: {1}, final: {2}")
    @CsvSource({
        "SCHEDULED, true, false",
        "SENDING, true, false",
        "PAUSED, false, false",
        "SENT, false, true",
        "CANCELLED, false, true"
    })
    void onlyScheduledAndSendingCampaignsAreSent(CampaignState state, boolean sends, boolean isFinal) {
        assertThat(state.sends()).isEqualTo(sends);
        assertThat(state.isFinal()).isEqualTo(isFinal);
    }
}
