package io.outpost.relay.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * Rewrites one message's parts for tracking: each {@code http(s)} link of its HTML becomes a tracking URL, in order
 * (link 1, 2, …), an open pixel goes at the end of the HTML body, and, when asked, the links of its text part are
 * rewritten too. HTML is parsed with jsoup, as a browser would read it, so entities in an {@code href} are decoded
 * before the destination goes into the token. A link marked {@code data-outpost-track="off"} is left as it is (the
 * mark removed), as are {@code mailto:}, {@code tel:}, anchors, links that are no URL, and destinations longer than
 * {@link TrackingToken#MAX_URL_OCTETS}.
 */
public final class LinkRewriter {

    private static final Pattern TEXT_LINK = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final String OPT_OUT = "data-outpost-track";
    private static final String TRAILING = ".,;:!?)]}'";

    private final TrackingToken tokens;
    private final String baseUrl;
    private final long messageId;
    private final TrackingOptions options;
    private int links;

    /** @param baseUrl where the tracking endpoints are served, such as {@code https://click.shop.example} */
    public LinkRewriter(TrackingToken tokens, String baseUrl, long messageId, TrackingOptions options) {
        this.tokens = tokens;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.messageId = messageId;
        this.options = options;
    }

    /** The HTML with its links rewritten (if clicks are tracked) and the pixel added (if opens are). */
    public String html(String html) {
        Document document = Jsoup.parse(html);
        document.outputSettings()
                .prettyPrint(false)
                .charset(StandardCharsets.UTF_8)
                .escapeMode(Entities.EscapeMode.base);
        if (options.clicks()) {
            for (Element link : document.select("a[href]")) {
                if ("off".equalsIgnoreCase(link.attr(OPT_OUT))) {
                    link.removeAttr(OPT_OUT);
                    continue;
                }
                Optional<String> target = destination(link.attr("href").strip());
                if (target.isPresent()) {
                    link.attr("href", click(target.get()));
                }
            }
        }
        if (options.opens()) {
            document.body()
                    .appendElement("img")
                    .attr("src", baseUrl + "/t/" + tokens.open(messageId))
                    .attr("width", "1")
                    .attr("height", "1")
                    .attr("alt", "")
                    .attr("style", "display:block;width:1px;height:1px;border:0");
        }
        return document.outerHtml();
    }

    /** The text with its links rewritten, when text links are tracked; otherwise the text as it is. */
    public String text(String text) {
        if (!options.textLinks()) {
            return text;
        }
        Matcher matcher = TEXT_LINK.matcher(text);
        StringBuilder rewritten = new StringBuilder(text.length() + 256);
        while (matcher.find()) {
            String found = matcher.group();
            // Punctuation that ends a sentence or closes a bracket around a link is the text's, not the link's.
            int end = found.length();
            while (end > 0 && TRAILING.indexOf(found.charAt(end - 1)) >= 0) {
                end--;
            }
            String target = found.substring(0, end);
            String replacement = destination(target).map(this::click).orElse(target) + found.substring(end);
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(rewritten);
        return rewritten.toString();
    }

    /** How many links were rewritten so far. */
    public int links() {
        return links;
    }

    private String click(String target) {
        links++;
        return baseUrl + "/t/" + tokens.click(messageId, links, target);
    }

    /**
     * Where a link goes, as the {@code Location} of its redirect will say it, if it is one to track: an http(s) URL with
     * a host, in ASCII (RFC 3986 §2.1: other characters percent-encoded), no white space or control characters (which
     * would end the header field), short enough for a token. Anything else stays as it is.
     */
    private Optional<String> destination(String target) {
        if (links >= 0xffff || target.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String ascii = uri.toASCIIString();
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web
                            && uri.getHost() != null
                            && ascii.getBytes(StandardCharsets.US_ASCII).length <= TrackingToken.MAX_URL_OCTETS
                    ? Optional.of(ascii)
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
