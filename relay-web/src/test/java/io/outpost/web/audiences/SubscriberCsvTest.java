package io.outpost.web.audiences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.audience.AudienceStore;
import io.outpost.relay.audience.ImportedSubscriber;
import io.outpost.web.problem.ProblemException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberCsvTest {

    private final List<ImportedSubscriber> imported = new ArrayList<>();

    @Test
    void aRowKeepsTheTenantsProofAndEveryOtherColumnAsAnAttribute() {
        JsonObject answer = importing(
                "Address,Consented_At,ip,user_agent,consent_text,source,firstName,lang\r\n"
                        + "ann@example.net,2026-03-01T10:30:00+01:00,2001:db8::7,Mozilla/5.0,\"Yes, the news\",checkout,Ann,\r\n");

        assertThat(answer.getInt("added")).isEqualTo(1);
        ImportedSubscriber ann = imported.get(0);
        assertThat(ann.address().toString()).isEqualTo("ann@example.net");
        assertThat(ann.consentedAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(ann.from().address().orElseThrow().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(ann.from().userAgent()).hasValue("Mozilla/5.0");
        assertThat(ann.wording()).hasValue("Yes, the news");
        assertThat(ann.origin()).hasValue("checkout");
        assertThat(ann.attributes().json().toString()).isEqualTo("{\"firstName\":\"Ann\"}");
    }

    @Test
    void rowsThatCannotBeImportedAreCountedAndNamedAndTheOthersImported() {
        JsonObject answer = importing("address,consented_at,ip\r\n"
                + "bob@example.net,2026-03-01T09:30:00Z,\r\n"
                + "not an address,2026-03-01T09:30:00Z,\r\n"
                + "cy@example.net,yesterday,\r\n"
                + "dee@example.net,2026-03-01T09:30:00Z,example.com\r\n"
                + "eve@example.net,2999-01-01T00:00:00Z,\r\n");

        assertThat(answer.getInt("rows")).isEqualTo(5);
        assertThat(answer.getInt("added")).isEqualTo(1);
        assertThat(answer.getInt("invalid")).isEqualTo(4);
        assertThat(answer.getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(error -> error.getInt("row"))
                .containsExactly(2, 3, 4, 5);
    }

    @Test
    void aHeaderWithoutTheProofColumnsIsAProblemNamingTheBody() {
        assertThatThrownBy(() -> importing("address,firstName\r\nann@example.net,Ann\r\n"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e)
                                .problem()
                                .invalidParams()
                                .get(0)
                                .name())
                        .isEqualTo("body"));
    }

    private JsonObject importing(String csv) {
        return SubscriberCsv.importFrom(new StringReader(csv), rows -> {
            imported.addAll(rows);
            return new AudienceStore.Imported(rows.size(), 0);
        });
    }
}
