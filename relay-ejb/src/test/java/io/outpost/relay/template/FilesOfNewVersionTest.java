package io.outpost.relay.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.relay.tenant.ConflictException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilesOfNewVersionTest {

    private static final TemplateFile LOGO = file("logo.png", 10);
    private static final TemplateFile TERMS = file("terms.pdf", 20);

    @Test
    void sayingNothingOfFilesKeepsTheNewestVersionsAll() throws Exception {
        assertThat(FilesOfNewVersion.SAME.resolve(List.of(LOGO, TERMS))).containsExactly(LOGO, TERMS);
    }

    @Test
    void keepsTheNamedOnesThenAddsTheNew() throws Exception {
        TemplateFile price = file("prices.pdf", 5);
        FilesOfNewVersion files = new FilesOfNewVersion(false, List.of("terms.pdf"), List.of(price));

        assertThat(files.resolve(List.of(LOGO, TERMS))).containsExactly(TERMS, price);
    }

    @Test
    void anEmptyListDropsThemAll() throws Exception {
        assertThat(new FilesOfNewVersion(false, List.of(), List.of()).resolve(List.of(LOGO)))
                .isEmpty();
    }

    @Test
    void aFileToKeepThatIsNotThereIsNamed() {
        FilesOfNewVersion files = new FilesOfNewVersion(false, List.of("gone.pdf"), List.of());

        assertThatThrownBy(() -> files.resolve(List.of(LOGO)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("gone.pdf");
    }

    @Test
    void moreFilesThanAllowedAreRefused() {
        List<TemplateFile> many = Collections.nCopies(TemplateFile.MAX_FILES + 1, LOGO);

        assertThatThrownBy(() -> new FilesOfNewVersion(false, List.of(), many).resolve(List.of()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("at most " + TemplateFile.MAX_FILES);
    }

    @Test
    void moreBytesThanAllowedAreRefused() {
        TemplateFile big = file("big.bin", TemplateFile.MAX_TOTAL_BYTES);

        assertThatThrownBy(() -> new FilesOfNewVersion(false, List.of("logo.png"), List.of(big)).resolve(List.of(LOGO)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("MiB");
    }

    private static TemplateFile file(String name, int bytes) {
        return new TemplateFile(name, "application/octet-stream", Optional.empty(), new byte[bytes]);
    }
}
