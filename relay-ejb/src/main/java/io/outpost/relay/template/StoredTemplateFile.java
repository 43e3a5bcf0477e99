package io.outpost.relay.template;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Optional;

/** One file of one template version, never changed once saved (V33__template_files.sql). */
@Entity
@Table(name = "outpost_template_file")
@SequenceGenerator(name = "outpost_template_file_ids", sequenceName = "outpost_template_file_seq", allocationSize = 10)
public class StoredTemplateFile {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_template_file_ids")
    private long id;

    @Column(name = "template_id", nullable = false, updatable = false)
    private long templateId;

    @Column(name = "position", nullable = false, updatable = false)
    private int position;

    @Column(name = "file_name", length = 255, nullable = false, updatable = false)
    private String fileName;

    @Column(name = "content_type", length = 255, nullable = false, updatable = false)
    private String contentType;

    @Column(name = "content_id", length = 255, updatable = false)
    private String contentId;

    @Column(name = "content", nullable = false, updatable = false)
    private byte[] content;

    protected StoredTemplateFile() {}

    StoredTemplateFile(long templateId, int position, TemplateFile file) {
        this.templateId = templateId;
        this.position = position;
        this.fileName = file.fileName();
        this.contentType = file.contentType();
        this.contentId = file.contentId().orElse(null);
        this.content = file.content();
    }

    TemplateFile view() {
        return new TemplateFile(fileName, contentType, Optional.ofNullable(contentId), content);
    }
}
