package io.outpost.relay.template;

import io.outpost.relay.tenant.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which files a new template version carries. A save that says nothing of files keeps the newest version's, so editing
 * the text does not drop an attachment; a save may keep some of them by name and add new ones.
 *
 * @param keepAll the newest version's files, all of them, and nothing else
 * @param keep names of the newest version's files to carry, when not all
 * @param added new files, after the kept ones
 */
public record FilesOfNewVersion(boolean keepAll, List<String> keep, List<TemplateFile> added) {

    /** No files. */
    public static final FilesOfNewVersion NONE = new FilesOfNewVersion(false, List.of(), List.of());

    /** The newest version's files. */
    public static final FilesOfNewVersion SAME = new FilesOfNewVersion(true, List.of(), List.of());

    public FilesOfNewVersion {
        keep = List.copyOf(keep);
        added = List.copyOf(added);
    }

    /** The new version's files, given the newest version's; checked against the limits. */
    List<TemplateFile> resolve(List<TemplateFile> newest) throws ConflictException {
        if (keepAll) {
            return newest;
        }
        List<TemplateFile> files = new ArrayList<>();
        for (String name : keep) {
            Optional<TemplateFile> kept =
                    newest.stream().filter(file -> file.fileName().equals(name)).findFirst();
            files.add(kept.orElseThrow(
                    () -> new ConflictException("attachments", "the newest version has no file named " + name)));
        }
        files.addAll(added);
        if (files.size() > TemplateFile.MAX_FILES) {
            throw new ConflictException("attachments", "at most " + TemplateFile.MAX_FILES + " files");
        }
        long bytes = files.stream().mapToLong(file -> file.content().length).sum();
        if (bytes > TemplateFile.MAX_TOTAL_BYTES) {
            throw new ConflictException(
                    "attachments",
                    "at most " + TemplateFile.MAX_TOTAL_BYTES / (1024 * 1024) + " MiB of files together");
        }
        return files;
    }
}
