package io.outpost.relay.tracking;

import io.outpost.api.mail.Domain;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderFrom;
import io.outpost.relay.content.MessageContent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Puts tracking into a tenant's message as it is queued, before it is signed: what the message asked for, else its
 * tenant's setting for its stream. The links name the message by the id it will be queued under, reserved here.
 */
public final class Tracking {

    /** Tracks nothing: for tests and tools, and mail that is no tenant's. */
    public static final Tracking NONE =
            new Tracking(null, "", domain -> Optional.empty(), () -> 0, (tenant, stream) -> TrackingOptions.NONE);

    /** A message with its tracking in, and the id its links name, which it must be queued under. */
    public record Tracked(long messageId, MessageContent content) {}

    private final TrackingToken tokens;
    private final String baseUrl;
    private final Function<Domain, Optional<Domain>> hosts;
    private final LongSupplier ids;
    private final BiFunction<TenantId, MessageStream, TrackingOptions> defaults;

    /**
     * @param baseUrl where the tracking endpoints are served ({@code outpost.tracking.base-url})
     * @param hosts a sending domain's own tracking host, once its CNAME is verified: its links use that name, with the
     *     scheme, port and path of {@code baseUrl}
     * @param ids reserves a message id from the queue's sequence
     * @param defaults what a tenant's messages on a stream track when they do not say
     */
    public Tracking(
            TrackingToken tokens,
            String baseUrl,
            Function<Domain, Optional<Domain>> hosts,
            LongSupplier ids,
            BiFunction<TenantId, MessageStream, TrackingOptions> defaults) {
        this.tokens = tokens;
        this.baseUrl = baseUrl;
        this.hosts = hosts;
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
        Optional<Domain> host =
                HeaderFrom.domains(headerSection).stream().findFirst().flatMap(hosts);
        long messageId = ids.getAsLong();
        LinkRewriter rewriter = new LinkRewriter(tokens, host.map(this::on).orElse(baseUrl), messageId, options);
        return TrackedContent.rewrite(content, rewriter).map(tracked -> new Tracked(messageId, tracked));
    }

    // The base URL with the domain's tracking host in place of its own.
    private String on(Domain host) {
        URI base = URI.create(baseUrl);
        try {
            return new URI(base.getScheme(), null, host.ascii(), base.getPort(), base.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return baseUrl;
        }
    }
}
