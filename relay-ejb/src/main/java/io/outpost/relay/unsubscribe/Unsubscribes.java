package io.outpost.relay.unsubscribe;

import io.outpost.relay.queue.QueueCommits;
import io.outpost.relay.sending.DomainKeys;
import io.outpost.relay.smtp.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What a recipient's unsubscribe does: their address goes on the tenant's suppression list for the bulk stream at once
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

    /**
     * Unsubscribes the recipient the token names, if this relay made it. Unsubscribing twice is no error and records
     * nothing more.
     *
     * @return what the token asked; empty for a token this relay did not make
     * @throws RuntimeException when the list could not be written (the recipient should be told to try again)
     */
    public Optional<UnsubscribeToken.Request> unsubscribe(String token, UnsubscribeMethod method, Client client) {
        Optional<UnsubscribeToken.Request> asked = tokens.parse(token);
        if (asked.isEmpty()) {
            return asked;
        }
        UnsubscribeToken.Request request = asked.get();
        String detail = method.description() + " from " + client.address().getHostAddress() + "; "
                + LogText.of(cut(client.userAgent().orElse("no user agent")));
        queue.recordUnsubscribe(request.tenant(), request.messageId(), request.recipient(), detail);
        return asked;
    }

    private static String cut(String agent) {
        return agent.length() <= MAX_AGENT ? agent : agent.substring(0, MAX_AGENT);
    }
}
