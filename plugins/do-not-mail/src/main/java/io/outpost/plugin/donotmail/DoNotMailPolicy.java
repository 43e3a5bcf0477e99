package io.outpost.plugin.donotmail;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.plugin.WatchedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Suppresses every recipient the operator's do-not-mail file lists (see {@link DoNotMailList} for its form), whoever
 * sends: REJECT with {@code 550 5.7.1} and the reply text of setting {@code reply}; every other recipient CONTINUE, so
 * the next policy decides.
 *
 * <p>The file is read at start-up (an unreadable or malformed file stops the relay) and again whenever its
 * modification time or size changes, so an entry added while mail waits in the queue stops that mail before its next
 * attempt. If the file cannot be read or parsed later, calls fail, and the relay defers the recipients (fails closed)
 * until it is fixed. Replace the file by renaming a new one over it: a file rewritten in place can be read half-written,
 * and then what is missing from it is not listed until the next read.
 *
 * <p>Settings: {@code file} (required) the path of the list; {@code reply} (optional) the text after {@code 550 5.7.1}.
 */
public final class DoNotMailPolicy implements SuppressionPolicy {

    /** The setting naming the file. */
    public static final String FILE = "file";

    /** The setting with the reply text for a listed recipient. */
    public static final String REPLY = "reply";

    static final String DEFAULT_REPLY = "Recipient is on this relay's do-not-mail list";

    private static final Logger LOG = Logger.getLogger(DoNotMailPolicy.class.getName());

    private Path file;
    private SmtpReply refusal;
    private WatchedFile<DoNotMailList> list;

    @Override
    public String name() {
        return "do-not-mail";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of(FILE, REPLY);
    }

    @Override
    public void init(PluginConfig config) throws PluginConfigException {
        file = config.requirePath(FILE);
        try {
            // RFC 3463 §3.8 X.7.1: delivery not authorized, message refused.
            refusal = SmtpReply.of(550, "5.7.1", config.get(REPLY).orElse(DEFAULT_REPLY));
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(name(), "setting 'reply': " + e.getMessage(), e);
        }
        try {
            list = WatchedFile.read(file, DoNotMailList::parse);
        } catch (IOException e) {
            throw new PluginConfigException(name(), "cannot read " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(name(), file + " " + e.getMessage(), e);
        }
        LOG.info(() -> "do-not-mail: " + list.current().size() + " entries from " + file);
    }

    @Override
    public Verdict check(SuppressionQuery query) {
        return current()
                .entryFor(query.recipient())
                .map(entry -> Verdict.reject(
                        "do-not-mail: " + query.recipient() + " listed as " + entry + " in " + file, refusal))
                .orElseGet(() -> Verdict.proceed("do-not-mail: not listed"));
    }

    private DoNotMailList current() {
        try {
            return list.current();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalStateException("do-not-mail: " + e.getMessage(), e);
        }
    }
}
