package io.outpost.relay.unsubscribe;

import io.outpost.api.plugin.Topic;
import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.sending.DomainKeys;
import io.outpost.relay.smtp.LogText;
import io.outpost.relay.topic.TenantTopics;
import io.outpost.relay.topic.TopicView;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a recipient's unsubscribe does: their address goes on the tenant's suppression list for the bulk stream, or for
 * the topics of it they chose (a preference centre), at once
 * (so the next message, even one already queued, is not delivered: suppression is checked before each attempt), and
 * the message they unsubscribed from gets an UNSUBSCRIBED event, which reaches the tenant's webhooks; both in one
 * transaction ({@code QueueCommits#recordUnsubscribe}, as for mail to the {@code mailto:} address). A token this
 * relay did not make does nothing.
 */
@ApplicationScoped
public class Unsubscribes {

    /** Longest user agent kept in an event or an entry's evidence: the rest says nothing more. */
    private static final int MAX_AGENT = 300;

    @Inject
    private QueueCommits queue;

    @Inject
    private DomainKeys keys;

    @Inject
    private TenantTopics topics;

    private UnsubscribeToken tokens;

    @PostConstruct
    void create() {
        tokens = new UnsubscribeToken(keys.dataKey().derive(UnsubscribeToken.KEY_PURPOSE));
    }

    /** How the request came. */
    public record Client(InetAddress address, Optional<String> userAgent) {}

    /** What the token asks, if this relay made it: for the page that asks the recipient to confirm. */
    public Optional<UnsubscribeToken.Request> read(String token) {
        return tokens.parse(token);
    }

    /** What the recipient leaves. */
    public sealed interface Leaving {}

    /** What the link was for: the topic the message named, or all the tenant's bulk mail (the one-click POST). */
    public record AsLinked() implements Leaving {}

    /** All the tenant's bulk mail, whatever its topic. */
    public record All() implements Leaving {}

    /** These topics of the tenant's bulk mail, and no other; a name the tenant has no topic of is ignored. */
    public record Topics(List<Topic> topics) implements Leaving {
        public Topics {
            topics = List.copyOf(topics);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("name at least one topic to leave");
            }
        }
    }

    /** The tenant's topics, for the page that lets the recipient choose which to leave. */
    public List<TopicView> topicsOf(UnsubscribeToken.Request request) {
        return topics.of(request.tenant());
    }

    /**
     * Unsubscribes the recipient the token names from what they chose to leave, if this relay made the token.
     * Unsubscribing twice is no error and records nothing more.
     *
     * @return what the token asked; empty for a token this relay did not make
     * @throws RuntimeException when the list could not be written (the recipient should be told to try again)
     */
    public Optional<UnsubscribeToken.Request> unsubscribe(
            String token, UnsubscribeMethod method, Client client, Leaving leaving) {
        Optional<UnsubscribeToken.Request> asked = tokens.parse(token);
        if (asked.isEmpty()) {
            return asked;
        }
        UnsubscribeToken.Request request = asked.get();
        String detail = method.description() + " from " + client.address().getHostAddress() + "; "
                + LogText.of(cut(client.userAgent().orElse("no user agent")));
        queue.recordUnsubscribe(
                request.tenant(), request.messageId(), request.recipient(), left(request, leaving), detail);
        return asked;
    }

    // The topics left; none for all the tenant's bulk mail.
    private List<Topic> left(UnsubscribeToken.Request request, Leaving leaving) {
        if (leaving instanceof All) {
            return List.of();
        }
        if (leaving instanceof Topics chosen) {
            List<Topic> known = chosen.topics().stream()
                    .filter(topic -> request.topic().equals(Optional.of(topic))
                            || topics.find(request.tenant(), topic).isPresent())
                    .toList();
            // Only names the tenant has no topic of (a forged form): what the link was for, rather than nothing.
            if (!known.isEmpty()) {
                return known;
            }
        }
        return request.topic().stream().toList();
    }

    private static String cut(String agent) {
        return agent.length() <= MAX_AGENT ? agent : agent.substring(0, MAX_AGENT);
    }
}
