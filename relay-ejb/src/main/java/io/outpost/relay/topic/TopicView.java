package io.outpost.relay.topic;

import io.outpost.api.plugin.Topic;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's topic as its recipients see it on the unsubscribe page.
 *
 * @param title what the page calls it, such as "Weekly newsletter"
 * @param description a line more about it, if the tenant wrote one
 */
public record TopicView(Topic topic, String title, Optional<String> description, Instant createdAt) {

    /** Longest title, in characters. */
    public static final int MAX_TITLE = 200;

    /** Longest description, in characters. */
    public static final int MAX_DESCRIPTION = 1000;

    public TopicView {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(description, "description");
        if (title.isBlank() || title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("a title has 1 to " + MAX_TITLE + " characters");
        }
        if (description.filter(text -> text.length() > MAX_DESCRIPTION).isPresent()) {
            throw new IllegalArgumentException("a description has at most " + MAX_DESCRIPTION + " characters");
        }
    }
}
