package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Optional;

/** A test tenant's audience whose subscribers are confirmed on the tenant's own proof, as a CSV import keeps it. */
final class ConfirmedAudience {

    private ConfirmedAudience() {}

    /** Creates the audience, named after {@code marker}; its id. */
    static String create(ApiSender tenant, String marker) throws Exception {
        return PublishedDomains.json(
                        tenant.api()
                                .post(
                                        "/audiences",
                                        "{\"name\":\"Readers " + marker + "\",\"consentText\":\"News, please.\","
                                                + "\"from\":\"" + tenant.from() + "\",\"subject\":\"Please confirm\","
                                                + "\"text\":\"Confirm here: {{confirm_url}}\"}"),
                        201)
                .getString("id");
    }

    /** One subscriber at the test MX ({@code <local>@ok.test}) with a first name and a city. */
    static String subscriber(String local, String firstName, String city) {
        return local + "@ok.test,2026-03-01T09:30:00Z," + firstName + "," + city;
    }

    /** Imports the {@link #subscriber} rows, each confirmed. */
    static void add(ApiSender tenant, String audience, String... rows) throws Exception {
        String csv = "address,consented_at,firstName,city\r\n" + String.join("\r\n", rows) + "\r\n";
        JsonObject imported = PublishedDomains.json(
                tenant.api()
                        .send(
                                "POST",
                                "/audiences/" + audience + "/subscribers/import",
                                Optional.of(csv),
                                "Content-Type",
                                "text/csv"),
                200);
        assertThat(imported.getInt("added")).isEqualTo(rows.length);
    }
}
