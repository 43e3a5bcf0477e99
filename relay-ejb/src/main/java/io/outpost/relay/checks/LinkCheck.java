package io.outpost.relay.checks;

import io.outpost.relay.checks.LinkFetcher.Fetched;
import io.outpost.relay.checks.LinkFetcher.Outcome;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.webhook.WebhookUrls;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Broken links and images, found by fetching each distinct http(s) address of the HTML ({@code <a href>}, {@code <img
 * src>}) at most {@link #MAX_URLS}, {@link #EACH} each and {@link #TOTAL} in all. A broken one fails: a reader clicks a
 * dead link of a message sent to thousands. One that did not answer in time, that the relay may not fetch (a private
 * address, unless {@code outpost.checks.fetch-private-addresses}), or that is plain http (mail programs warn of it, and
 * its content can be changed on the way) warns.
 */
@ApplicationScoped
public class LinkCheck implements PreSendCheck {

    static final String ID = "links";
    static final String TITLE = "Links and images";

    static final int MAX_URLS = 50;
    static final Duration EACH = Duration.ofSeconds(5);
    static final Duration TOTAL = Duration.ofSeconds(15);

    /** How many of each kind of problem the result names; the rest are counted. */
    private static final int NAMED = 5;

    @Inject
    private RelayConfiguration config;

    @Resource
    private ManagedExecutorService executor;

    private LinkFetcher fetcher;

    public LinkCheck() {}

    LinkCheck(LinkFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @PostConstruct
    void create() {
        fetcher = fetcher(config.checksFetchPrivateAddresses(), EACH, TOTAL, executor);
    }

    static LinkFetcher fetcher(boolean privateAddresses, Duration each, Duration total, Executor executor) {
        return new LinkFetcher(
                new WebhookUrls(true, privateAddresses, InetAddress::getAllByName), each, total, executor);
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        BodyHtml body = BodyHtml.of(message);
        Set<URI> distinct = new LinkedHashSet<>();
        Stream.concat(
                        body.links().stream().map(link -> link.attr("href")),
                        body.images().stream().map(image -> image.attr("src")))
                .map(LinkCheck::webAddress)
                .flatMap(Optional::stream)
                .forEach(distinct::add);
        if (distinct.isEmpty()) {
            return CheckResult.pass(ID, TITLE, "No http or https links or images to check.");
        }
        List<URI> urls = distinct.stream().limit(MAX_URLS).toList();
        List<Fetched> fetched = fetcher.fetchAll(urls);
        String skipped = distinct.size() > MAX_URLS
                ? " Only the first " + MAX_URLS + " of " + distinct.size() + " were checked."
                : "";
        List<Fetched> broken = of(fetched, Outcome.BROKEN);
        List<Fetched> slow = of(fetched, Outcome.SLOW);
        List<Fetched> refused = of(fetched, Outcome.REFUSED);
        List<URI> plain = urls.stream()
                .filter(url -> url.getScheme().equalsIgnoreCase("http"))
                .toList();
        if (!broken.isEmpty()) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.FAIL,
                    broken.size() + " of " + urls.size() + " broken: " + named(broken) + "." + also(slow, refused)
                            + skipped,
                    "Correct or remove the broken links and images, then run the checks again.");
        }
        if (!slow.isEmpty() || !refused.isEmpty() || !plain.isEmpty()) {
            String plainWhy = plain.isEmpty()
                    ? ""
                    : " Plain http: "
                            + plain.stream().limit(NAMED).map(URI::toString).collect(Collectors.joining(", "))
                            + " (mail programs mark such links as not secure).";
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.WARN,
                    (urls.size() - slow.size() - refused.size()) + " of " + urls.size() + " work." + also(slow, refused)
                            + plainWhy + skipped,
                    "Check the links named above by hand; use https addresses.");
        }
        return CheckResult.pass(ID, TITLE, "All " + urls.size() + " links and images work." + skipped);
    }

    private static String also(List<Fetched> slow, List<Fetched> refused) {
        return (slow.isEmpty() ? "" : " No answer in time: " + named(slow) + ".")
                + (refused.isEmpty() ? "" : " Not checked: " + named(refused) + ".");
    }

    private static List<Fetched> of(List<Fetched> fetched, Outcome outcome) {
        return fetched.stream().filter(f -> f.outcome() == outcome).toList();
    }

    private static String named(List<Fetched> fetched) {
        String named = fetched.stream()
                .limit(NAMED)
                .map(f -> f.url() + " (" + f.detail() + ")")
                .collect(Collectors.joining(", "));
        return fetched.size() > NAMED ? named + " and " + (fetched.size() - NAMED) + " more" : named;
    }

    // Only what a reader's click or mail program fetches over the web: mailto:, tel:, anchors and the rest are not.
    private static Optional<URI> webAddress(String href) {
        try {
            String address = href.strip();
            // The fragment is the page's business, never sent in a request.
            int fragment = address.indexOf('#');
            URI uri = new URI(fragment < 0 ? address : address.substring(0, fragment));
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri)
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
