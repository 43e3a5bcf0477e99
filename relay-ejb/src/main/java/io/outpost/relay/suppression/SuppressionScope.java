package io.outpost.relay.suppression;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.Topic;
import io.outpost.api.tenant.TenantId;
import java.util.Optional;

/**
 * Whose list an entry is on: the operator's (every tenant's mail), a tenant's (all its mail), a tenant's for one stream
 * (an unsubscribe from newsletters keeps receipts coming), or a tenant's for one topic of its bulk mail (leaving the
 * offers keeps the newsletter coming).
 */
public record SuppressionScope(Optional<TenantId> tenant, Optional<MessageStream> stream, Optional<Topic> topic) {

    /** Stored for "every" tenant or stream, so that a unique constraint can hold (NULLs never collide). */
    static final String EVERY = "";

    /** What comes before a topic's name in the stream key of a topic's list: {@code bulk:offers}. */
    private static final String TOPIC_OF_BULK = MessageStream.BULK.wireName() + ":";

    public SuppressionScope {
        if (tenant.isEmpty() && stream.isPresent()) {
            throw new IllegalArgumentException("the operator's list is for every stream");
        }
        if (topic.isPresent() && !stream.equals(Optional.of(MessageStream.BULK))) {
            throw new IllegalArgumentException("a topic is one of a tenant's bulk mail");
        }
    }

    public SuppressionScope(Optional<TenantId> tenant, Optional<MessageStream> stream) {
        this(tenant, stream, Optional.empty());
    }

    /** The tenant's list for one topic of its bulk mail. */
    public static SuppressionScope topic(TenantId tenant, Topic topic) {
        return new SuppressionScope(Optional.of(tenant), Optional.of(MessageStream.BULK), Optional.of(topic));
    }

    public static SuppressionScope operator() {
        return new SuppressionScope(Optional.empty(), Optional.empty());
    }

    public static SuppressionScope tenant(TenantId tenant, Optional<MessageStream> stream) {
        return new SuppressionScope(Optional.of(tenant), stream);
    }

    String tenantKey() {
        return tenantKey(tenant);
    }

    /** How {@code tenant}'s lists are stored: its id, or {@link #EVERY} for the operator's. */
    static String tenantKey(Optional<TenantId> tenant) {
        return tenant.map(TenantId::value).orElse(EVERY);
    }

    String streamKey() {
        return topic.map(SuppressionScope::topicKey)
                .orElseGet(() -> stream.map(MessageStream::wireName).orElse(EVERY));
    }

    /** How the list of one topic of bulk mail is stored in the stream column: {@code bulk:offers}. */
    static String topicKey(Topic topic) {
        return TOPIC_OF_BULK + topic.name();
    }

    static SuppressionScope of(String tenantKey, String streamKey) {
        Optional<TenantId> owner = tenantKey.equals(EVERY) ? Optional.empty() : Optional.of(TenantId.of(tenantKey));
        if (streamKey.startsWith(TOPIC_OF_BULK)) {
            return topic(owner.orElseThrow(), new Topic(streamKey.substring(TOPIC_OF_BULK.length())));
        }
        return new SuppressionScope(
                owner, streamKey.equals(EVERY) ? Optional.empty() : Optional.of(MessageStream.of(streamKey)));
    }
}
