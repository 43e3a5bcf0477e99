package io.outpost.relay.tracking;

import io.outpost.api.mail.Domain;
import io.outpost.relay.content.HeaderFrom;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the links Outpost puts into a message point (tracking, unsubscribe): the operator's base URL, or the From:
 * domain's own tracking host once its CNAME is verified, so a recipient sees links on the sender's name. Thread-safe.
 */
public final class LinkBase {

    private final String baseUrl;
    private final Function<Domain, Optional<Domain>> hosts;

    /**
     * @param baseUrl where the relay's link endpoints are served ({@code outpost.tracking.base-url})
     * @param hosts a sending domain's own tracking host, once verified: its links use that name, with the scheme, port
     *     and path of {@code baseUrl}
     */
    public LinkBase(String baseUrl, Function<Domain, Optional<Domain>> hosts) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.hosts = hosts;
    }

    /** The base for a message with this header section, without a trailing slash. */
    public String of(byte[] headerSection) {
        return HeaderFrom.domains(headerSection).stream()
                .findFirst()
                .flatMap(hosts)
                .map(this::on)
                .orElse(baseUrl);
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
