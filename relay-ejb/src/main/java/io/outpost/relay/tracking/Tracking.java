package io.outpost.relay.tracking;

import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.MessageContent;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * Puts tracking into a tenant's message as it is queued, before it is signed: what the message asked for, else its
 * tenant's setting for its stream. The links name the message by the id it will be queued under, reserved here.
 */
public final class Tracking {

    /** Tracks nothing: for tests and tools, and mail that is no tenant's. */
    public static final Tracking NONE = new Tracking(
            null, new LinkBase("", domain -> Optional.empty()), () -> 0, (tenant, stream) -> TrackingOptions.NONE);

    /** A message with its tracking in, and the id its links name, which it must be queued under. */
    public record Tracked(long messageId, MessageContent content) {}

    private final TrackingToken tokens;
    private final LinkBase links;
    private final LongSupplier ids;
    private final BiFunction<TenantId, MessageStream, TrackingOptions> defaults;

    /**
     * @param links where the message's links point
     * @param ids reserves a message id from the queue's sequence
     * @param defaults what a tenant's messages on a stream track when they do not say
     */
    public Tracking(
            TrackingToken tokens,
            LinkBase links,
            LongSupplier ids,
            BiFunction<TenantId, MessageStream, TrackingOptions> defaults) {
        this.tokens = tokens;
        this.links = links;
        this.ids = ids;
        this.defaults = defaults;
    }

    /**
     * The content with its tracking in, or empty when nothing is tracked or there was nothing to track.
     *
     * @param headerSection the content's header section, whose From domain may have a tracking host of its own
     */
    public Optional<Tracked> apply(
            TenantId tenant,
            MessageStream stream,
            TrackingOverride asked,
            MessageContent content,
            byte[] headerSection) {
        TrackingOptions options = asked.over(defaults.apply(tenant, stream));
        if (!options.any()) {
            return Optional.empty();
        }
        long messageId = ids.getAsLong();
        LinkRewriter rewriter = new LinkRewriter(tokens, links.of(headerSection), messageId, options);
        return TrackedContent.rewrite(content, rewriter).map(tracked -> new Tracked(messageId, tracked));
    }
}
