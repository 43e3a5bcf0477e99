package io.outpost.relay.webhook;

import io.outpost.relay.dns.SpecialAddresses;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Which URLs a webhook may be sent to. HTTPS only unless the operator allows plain HTTP; no user name or password in
 * the URL; and a host whose every address is on the public internet unless the operator allows others: otherwise a
 * tenant could make the relay POST into the operator's own network (server-side request forgery) — loopback, RFC 1918,
 * link-local (cloud metadata services at 169.254.169.254), and the other special-purpose blocks of RFC 6890. The host
 * is resolved again before each request, so a name that later points inward is refused then too; a client that
 * connects to the {@link #checked} addresses themselves leaves no gap between the check and the connection.
 */
public final class WebhookUrls {

    private static final Logger LOG = Logger.getLogger(WebhookUrls.class.getName());

    private static final int MAX_LENGTH = 2000;

    private final boolean allowHttp;
    private final boolean allowPrivateAddresses;
    private final Resolver resolver;

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public WebhookUrls(boolean allowHttp, boolean allowPrivateAddresses, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = resolver;
    }

    /** Refused: why, in words for the tenant. */
    public static final class RefusedUrl extends Exception {

        private static final long serialVersionUID = 1L;

        RefusedUrl(String reason) {
            super(reason);
        }
    }

    /** A URL that may be requested, and the addresses its host had when it was checked. */
    public record Checked(URI uri, List<InetAddress> addresses) {}

    /** The URL as it will be requested, or why it may not be. */
    public URI check(String url) throws RefusedUrl {
        return checked(url).uri();
    }

    /**
     * As {@link #check}, with the addresses that were checked: a client that connects to one of them, rather than
     * looking the name up again, cannot be turned inward by a second answer to the same name (DNS rebinding).
     */
    public Checked checked(String url) throws RefusedUrl {
        if (url.length() > MAX_LENGTH) {
            throw new RefusedUrl("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedUrl("is not a URL");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw new RefusedUrl(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedUrl("must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getRawFragment() != null) {
            throw new RefusedUrl("must name a host and have no fragment");
        }
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new Checked(uri, checkAddresses(host));
    }

    private List<InetAddress> checkAddresses(String host) throws RefusedUrl {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(IDN.toASCII(host));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new RefusedUrl("names a host that does not resolve: " + host);
        }
        if (allowPrivateAddresses) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = SpecialAddresses.kindOf(address);
            if (kind.isPresent()) {
                // Which address, and of which kind, stays in the server's log: told to the tenant, it would map the
                // operator's internal names for anyone who registers URLs.
                LOG.info(() -> "webhook URL host " + host + " refused: it resolves to " + address.getHostAddress()
                        + ", a " + kind.get() + " address");
                throw new RefusedUrl("resolves to an address that is not on the public internet");
            }
        }
        return List.of(addresses);
    }
}
