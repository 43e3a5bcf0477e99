package io.outpost.relay.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinkRewriterTest {

    private static final TrackingToken TOKENS = new TrackingToken(key());
    private static final Pattern TRACKED = Pattern.compile("https://t\\.example/t/([A-Za-z0-9_-]+)");

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        return key;
    }

    private static List<String> tokens(String text) {
        return TRACKED.matcher(text).results().map(match -> match.group(1)).toList();
    }

    @Test
    void rewritesEachWebLinkInOrderWithItsDecodedDestinationAndAddsThePixel() {
        LinkRewriter rewriter =
                new LinkRewriter(TOKENS, "https://t.example/", 42, new TrackingOptions(true, true, false));

        String html = rewriter.html("<html><body><p>Hi</p><a href=\"https://shop.example/?a&#x3D;1&amp;b=2\">one</a>"
                + "<a href=\"mailto:help@shop.example\">mail</a><a href=\"#top\">top</a>"
                + "<a data-outpost-track=\"off\" href=\"https://shop.example/private\">private</a>"
                + "<a href=\"http://shop.example/two\">two</a></body></html>");

        List<String> tokens = tokens(html);
        assertThat(tokens).hasSize(3);
        assertThat(TOKENS.parse(tokens.get(0)).orElseThrow().url()).contains("https://shop.example/?a=1&b=2");
        assertThat(TOKENS.parse(tokens.get(1)).orElseThrow().link()).isEqualTo(2);
        assertThat(TOKENS.parse(tokens.get(1)).orElseThrow().url()).contains("http://shop.example/two");
        assertThat(TOKENS.parse(tokens.get(2)).orElseThrow().kind()).isEqualTo(TrackingToken.Kind.OPEN);
        assertThat(html)
                .contains("href=\"mailto:help@shop.example\"", "href=\"#top\"", "href=\"https://shop.example/private\"")
                .doesNotContain("data-outpost-track")
                .contains("<img src=\"https://t.example/t/" + tokens.get(2) + "\" width=\"1\" height=\"1\" alt=\"\"");
        assertThat(rewriter.links()).isEqualTo(2);
    }

    @Test
    void opensOnlyLeaveLinksAndTextLinksAreRewrittenOnlyWhenAsked() {
        LinkRewriter opens = new LinkRewriter(TOKENS, "https://t.example", 42, new TrackingOptions(true, false, false));
        LinkRewriter text = new LinkRewriter(TOKENS, "https://t.example", 42, new TrackingOptions(false, false, true));

        assertThat(opens.html("<a href=\"https://shop.example/\">x</a>")).contains("href=\"https://shop.example/\"");
        assertThat(opens.text("see https://shop.example/")).isEqualTo("see https://shop.example/");
        String rewritten = text.text("see https://shop.example/a?b=1 and (https://shop.example/c).");
        assertThat(tokens(rewritten)).hasSize(2);
        assertThat(rewritten).startsWith("see https://t.example/t/").endsWith(").");
    }

    @Test
    void aDestinationGoesInAsciiAndOneThatIsNoUrlIsLeftAlone() {
        LinkRewriter rewriter =
                new LinkRewriter(TOKENS, "https://t.example", 42, new TrackingOptions(false, true, false));

        String html = rewriter.html("<a href=\"https://shop.example/grüße?q=ä\">1</a>"
                + "<a href=\"https://shop.example/a&#13;&#10;Set-Cookie: x=1\">2</a>"
                + "<a href=\"https://shop.example/with space\">3</a>");

        List<String> tokens = tokens(html);
        assertThat(tokens).hasSize(1);
        assertThat(TOKENS.parse(tokens.get(0)).orElseThrow().url())
                .contains("https://shop.example/gr%C3%BC%C3%9Fe?q=%C3%A4");
        assertThat(html).contains("href=\"https://shop.example/with space\"");
    }

    @Test
    void aFragmentGetsABodyForItsPixel() {
        String html = new LinkRewriter(TOKENS, "https://t.example", 9, new TrackingOptions(true, true, false))
                .html("<p>Just a fragment</p>");

        assertThat(html).contains("<p>Just a fragment</p>").contains("<img src=\"https://t.example/t/");
        assertThat(TRACKED.matcher(html).results().map(MatchResult::group).count())
                .isOne();
    }
}
