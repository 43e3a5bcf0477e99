package io.outpost.plugin.headerchecks;

import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.Submission;
import io.outpost.api.plugin.SubmissionPolicy;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.plugin.WatchedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refuses or defers a submitted message, at MESSAGE (its header fields known, before it is queued), when a field
 * matches a rule of the operator's file ({@link HeaderRules} has the form): the rule's REJECT or DEFER with its reply;
 * every other message CONTINUE. SMTP and HTTP submissions are checked alike.
 *
 * <p>The file is read at start-up (an unreadable or malformed file stops the relay) and again whenever its
 * modification time or size changes. If it cannot be read or parsed later, calls fail and the relay defers messages
 * (fails closed) until it is fixed. A rule whose expression backtracks past the relay's time limit is stopped there:
 * the message is deferred and the log names the plugin.
 *
 * <p>Settings: {@code file} (required) the path of the rules.
 */
public final class HeaderChecksPolicy implements SubmissionPolicy {

    /** The setting naming the file. */
    public static final String FILE = "file";

    private static final Logger LOG = Logger.getLogger(HeaderChecksPolicy.class.getName());

    private Path file;
    private WatchedFile<HeaderRules> rules;

    @Override
    public String name() {
        return "header-checks";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of(FILE);
    }

    @Override
    public Set<PluginPhase> phases() {
        return Set.of(PluginPhase.MESSAGE);
    }

    @Override
    public void init(PluginConfig config) throws PluginConfigException {
        file = config.requirePath(FILE);
        try {
            rules = WatchedFile.read(file, HeaderRules::parse);
        } catch (IOException e) {
            throw new PluginConfigException(name(), "cannot read " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(name(), file + " " + e.getMessage(), e);
        }
        LOG.info(() -> "header-checks: " + rules.current().size() + " rules from " + file);
    }

    @Override
    public Verdict check(PluginPhase phase, Submission submission) {
        return current()
                .firstMatch(submission.headers().orElseThrow())
                .map(rule -> rule.reply().isTransientFailure()
                        ? Verdict.defer("header-checks: " + rule + " of " + file, rule.reply())
                        : Verdict.reject("header-checks: " + rule + " of " + file, rule.reply()))
                .orElseGet(() -> Verdict.proceed("header-checks: no rule matched"));
    }

    private HeaderRules current() {
        try {
            return rules.current();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalStateException("header-checks: " + e.getMessage(), e);
        }
    }
}
