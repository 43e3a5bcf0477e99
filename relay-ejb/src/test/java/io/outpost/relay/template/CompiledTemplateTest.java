package io.outpost.relay.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompiledTemplateTest {

    private static CompiledTemplate template(String subject, String text, String html) throws TemplateException {
        return CompiledTemplate.of(new TemplateContent(subject, Optional.ofNullable(text), Optional.ofNullable(html)));
    }

    @Test
    void escapesHtmlInTheHtmlPartOnlyAndNeverInTripleBraces() throws Exception {
        CompiledTemplate template = template(
                "Hello {{name}}", "Dear {{name}},", "<p>Dear {{name}}, {{{trusted}}}</p><a href=\"{{link}}\">x</a>");

        RenderedMessage rendered = template.render(Map.of(
                "name", "Ann <script>\"&'", "trusted", "<b>bold</b>", "link", "https://shop.example/?a=1&b=\"2\""));

        assertThat(rendered.subject()).isEqualTo("Hello Ann <script>\"&'");
        assertThat(rendered.text().orElseThrow()).isEqualTo("Dear Ann <script>\"&',");
        // Every character that could end an attribute or start markup is an entity; a browser reads them back.
        assertThat(rendered.html().orElseThrow())
                .isEqualTo("<p>Dear Ann &lt;script&gt;&quot;&amp;&#39;, <b>bold</b></p>"
                        + "<a href=\"https://shop.example/?a&#x3D;1&amp;b&#x3D;&quot;2&quot;\">x</a>");
    }

    @Test
    void sectionsRunOverListsAndObjectsAndNumbersPrintAsGiven() throws Exception {
        CompiledTemplate template = template(
                "Your order",
                "{{#items}}- {{name}} x{{count}}\n{{/items}}{{^items}}nothing{{/items}}{{#vip}}VIP{{/vip}}",
                null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(
                "items",
                List.of(
                        Map.of("name", "tea", "count", new BigDecimal("2")),
                        Map.of("name", "cup", "count", new BigDecimal("1"))));
        data.put("vip", Boolean.TRUE);

        assertThat(template.render(data).text().orElseThrow()).isEqualTo("- tea x2\n- cup x1\nVIP");
        assertThat(template.render(Map.of("items", List.of(), "vip", false)).text())
                .contains("nothing");
    }

    @Test
    void aMissingVariableIsAnErrorNamingItAndAnExplicitNullRendersEmpty() throws Exception {
        CompiledTemplate template = template("Hi {{firstName}}", "x", null);

        TemplateException missing = catchThrowableOfType(TemplateException.class, () -> template.render(Map.of()));
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("firstName", null);

        assertThat(missing.part()).isEqualTo("subject");
        assertThat(missing.getMessage()).contains("firstName");
        assertThat(template.render(withNull).subject()).isEqualTo("Hi");
    }

    @Test
    void templatesReachOnlyTheDataNeverJavaObjectsOrOtherTemplates() throws Exception {
        CompiledTemplate template = template("x", "{{name.class}}{{name.bytes}}", null);

        TemplateException thrown =
                catchThrowableOfType(TemplateException.class, () -> template.render(Map.of("name", "Ann")));
        TemplateException partial =
                catchThrowableOfType(TemplateException.class, () -> template("x", "{{> secret}}", null));
        TemplateException broken =
                catchThrowableOfType(TemplateException.class, () -> template("x", null, "<p>{{#open}}</p>"));

        assertThat(thrown.part()).isEqualTo("text");
        assertThat(partial.getMessage()).contains("partials");
        assertThat(broken.part()).isEqualTo("html");
        assertThat(broken.getMessage()).startsWith("is not a Mustache template");
    }

    @Test
    void aSubjectThatRendersToSeveralLinesIsRefused() throws Exception {
        CompiledTemplate template = template("Hi {{name}}", "x", null);

        TemplateException thrown = catchThrowableOfType(
                TemplateException.class, () -> template.render(Map.of("name", "Ann\r\nBcc: everyone@example.net")));

        assertThat(thrown.part()).isEqualTo("subject");
    }
}
