package io.outpost.web.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.template.FilesOfNewVersion;
import io.outpost.web.json.RequestFields;
import io.outpost.web.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TemplateRequestFilesTest {

    @Test
    void aSaveThatSaysNothingOfFilesKeepsThemAll() {
        assertThat(files(Json.createObjectBuilder().add("subject", "Hi").build()))
                .isEqualTo(FilesOfNewVersion.SAME);
    }

    @Test
    void keepsTheNamedFilesAndAddsTheNewOnes() {
        JsonObject body = Json.createObjectBuilder()
                .add("keepAttachments", Json.createArrayBuilder().add("logo.png"))
                .add(
                        "attachments",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("fileName", "terms.txt")
                                        .add("contentType", "text/plain")
                                        .add(
                                                "content",
                                                Base64.getEncoder()
                                                        .encodeToString("terms".getBytes(StandardCharsets.US_ASCII)))))
                .build();

        FilesOfNewVersion files = files(body);

        assertThat(files.keepAll()).isFalse();
        assertThat(files.keep()).containsExactly("logo.png");
        assertThat(files.added()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("terms.txt");
            assertThat(new String(file.content(), StandardCharsets.US_ASCII)).isEqualTo("terms");
        });
    }

    @Test
    void anEmptyKeepListDropsThemAll() {
        FilesOfNewVersion files = files(Json.createObjectBuilder()
                .add("keepAttachments", Json.createArrayBuilder())
                .build());

        assertThat(files).isEqualTo(FilesOfNewVersion.NONE);
    }

    @Test
    void namesAKeepListThatIsNotNames() {
        JsonObject body = Json.createObjectBuilder()
                .add("keepAttachments", Json.createArrayBuilder().add(3))
                .build();
        RequestFields fields = new RequestFields(body);
        TemplateRequest.files(fields, body);

        assertThatThrownBy(fields::check).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(
                        e.problem().invalidParams())
                .singleElement()
                .satisfies(param -> assertThat(param.name()).isEqualTo("keepAttachments")));
    }

    private static FilesOfNewVersion files(JsonObject body) {
        RequestFields fields = new RequestFields(body);
        FilesOfNewVersion files = TemplateRequest.files(fields, body);
        fields.check();
        return files;
    }
}
