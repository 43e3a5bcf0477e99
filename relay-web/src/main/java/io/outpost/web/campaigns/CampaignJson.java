package io.outpost.web.campaigns;

import io.outpost.relay.campaign.Campaign;
import io.outpost.relay.campaign.CampaignOutcomes;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.queue.RecipientState;
import io.outpost.relay.queue.StatsRow;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;

/**
 * A campaign as the API shows it: what it sends to whom, its state and progress, the pre-send check report it was
 * created with and any override; for one campaign also its recipients by outcome and its statistics per day.
 */
final class CampaignJson {

    private CampaignJson() {}

    static JsonObjectBuilder of(Campaign campaign) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("id", Long.toString(campaign.id()))
                .add("name", campaign.name())
                .add(
                        "template",
                        CachedJson.createObjectBuilder()
                                .add("name", campaign.template().value())
                                .add("version", campaign.templateVersion()))
                .add("audience", campaign.audience().value());
        campaign.segment()
                .ifPresent(segment -> json.add(
                        "segment",
                        CachedJson.createObjectBuilder()
                                .add("attribute", segment.attribute())
                                .add("value", segment.value())));
        json.add("from", campaign.from().toString());
        campaign.topic().ifPresent(topic -> json.add("topic", topic.name()));
        json.add("tag", campaign.tag())
                .add("sendAt", campaign.sendAt().toString())
                .add("state", campaign.state().wireName())
                .add(
                        "progress",
                        CachedJson.createObjectBuilder()
                                .add("total", campaign.total())
                                .add("submitted", campaign.submitted())
                                .add("refused", campaign.refused()));
        campaign.lastProblem().ifPresent(problem -> json.add("waitingBecause", problem));
        json.add("createdBy", campaign.createdBy())
                .add("createdAt", campaign.createdAt().toString());
        campaign.finishedAt().ifPresent(at -> json.add("finishedAt", at.toString()));
        try (JsonReader checks = CachedJson.createReader(new StringReader(campaign.checksJson()))) {
            json.add("checks", checks.readArray());
        }
        campaign.override()
                .ifPresent(override -> json.add(
                        "override",
                        CachedJson.createObjectBuilder()
                                .add("reason", override.reason())
                                .add("by", override.by())
                                .add("at", override.at().toString())));
        return json;
    }

    /** With its recipients by outcome, from the queue, and its statistics per day, from the counters by its tag. */
    static JsonObjectBuilder detailed(Campaign campaign, CampaignOutcomes outcomes, List<StatsRow> days) {
        JsonObjectBuilder recipients = CachedJson.createObjectBuilder();
        for (RecipientState state : RecipientState.values()) {
            if (state != RecipientState.REFUSED) {
                recipients.add(state.name().toLowerCase(Locale.ROOT), outcomes.in(state));
            }
        }
        long openedHuman = 0;
        long openedMachine = 0;
        long clickedHuman = 0;
        long clickedMachine = 0;
        JsonArrayBuilder daily = CachedJson.createArrayBuilder();
        for (StatsRow day : days) {
            openedHuman += day.openedHuman();
            openedMachine += day.openedMachine();
            clickedHuman += day.clickedHuman();
            clickedMachine += day.clickedMachine();
            daily.add(CachedJson.createObjectBuilder()
                    .add("day", day.day().toString())
                    .add("sent", day.sent())
                    .add("delivered", day.delivered())
                    .add("deferred", day.deferred())
                    .add("bounced", day.bounced())
                    .add("complained", day.complained()));
        }
        return of(campaign)
                .add("recipients", recipients)
                .add(
                        "engagement",
                        CachedJson.createObjectBuilder()
                                .add(
                                        "opened",
                                        CachedJson.createObjectBuilder()
                                                .add("human", openedHuman)
                                                .add("machine", openedMachine))
                                .add(
                                        "clicked",
                                        CachedJson.createObjectBuilder()
                                                .add("human", clickedHuman)
                                                .add("machine", clickedMachine))
                                .add("complained", outcomes.complained())
                                .add("unsubscribed", outcomes.unsubscribed()))
                .add("daily", daily);
    }
}
