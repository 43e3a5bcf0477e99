package io.outpost.relay.template;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A template compiled once, rendered for each recipient: {@code {{name}}} is escaped for HTML in the HTML part and
 * taken as it is in the subject and text; {@code {{{name}}}} is never escaped; sections and inverted sections work on
 * the data's lists, objects and booleans. A variable missing from the data is an error naming it (an explicit null
 * renders empty): a message saying "Dear ," to thousands is worse than one recipient's error. Templates see only the
 * data: values are read from maps and lists, never through methods of Java objects, and partials are refused.
 * Thread-safe.
 */
public final class CompiledTemplate {

    // Only maps and lists: the default collector would call any getter of a value ({{name.class.classLoader}}).
    private static final Mustache.Collector DATA_ONLY = new BasicCollector() {
        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new ConcurrentHashMap<>();
        }
    };

    private static final Mustache.TemplateLoader NO_PARTIALS = name -> {
        throw new MustacheException("partials ({{> " + name + "}}) are not supported");
    };

    private static final Mustache.Compiler HTML = Mustache.compiler()
            .escapeHTML(true)
            .nullValue("")
            .withCollector(DATA_ONLY)
            .withLoader(NO_PARTIALS);

    private static final Mustache.Compiler PLAIN = HTML.escapeHTML(false);

    private static final Pattern PARTIAL = Pattern.compile("\\{\\{\\s*[><$]");

    private final Template subject;
    private final Optional<Template> text;
    private final Optional<Template> html;

    private CompiledTemplate(Template subject, Optional<Template> text, Optional<Template> html) {
        this.subject = subject;
        this.text = text;
        this.html = html;
    }

    /** Compiles every part, or names the first one that is not a template this renders. */
    public static CompiledTemplate of(TemplateContent content) throws TemplateException {
        Template subject = compile(PLAIN, "subject", content.subject());
        Optional<Template> text = content.text().isEmpty()
                ? Optional.empty()
                : Optional.of(compile(PLAIN, "text", content.text().get()));
        Optional<Template> html = content.html().isEmpty()
                ? Optional.empty()
                : Optional.of(compile(HTML, "html", content.html().get()));
        return new CompiledTemplate(subject, text, html);
    }

    private static Template compile(Mustache.Compiler compiler, String part, String source) throws TemplateException {
        if (source.length() > TemplateContent.MAX_PART) {
            throw new TemplateException(part, "longer than " + TemplateContent.MAX_PART + " characters");
        }
        if (PARTIAL.matcher(source).find()) {
            // Partials and template inheritance would load other templates by name: not from a tenant's text.
            throw new TemplateException(part, "partials and template inheritance ({{> …}}, {{< …}}) are not supported");
        }
        try {
            return compiler.compile(source);
        } catch (MustacheException e) {
            throw new TemplateException(part, "is not a Mustache template: " + e.getMessage());
        }
    }

    /** The message for one recipient: {@code data} as parsed JSON (maps, lists, strings, numbers, booleans, null). */
    public RenderedMessage render(Map<String, Object> data) throws TemplateException {
        String renderedSubject = execute("subject", subject, data).strip();
        if (renderedSubject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new TemplateException("subject", "renders to more than one line");
        }
        Optional<String> renderedText =
                text.isEmpty() ? Optional.empty() : Optional.of(execute("text", text.get(), data));
        Optional<String> renderedHtml =
                html.isEmpty() ? Optional.empty() : Optional.of(execute("html", html.get(), data));
        return new RenderedMessage(renderedSubject, renderedText, renderedHtml);
    }

    private static String execute(String part, Template template, Map<String, Object> data) throws TemplateException {
        try {
            return template.execute(data);
        } catch (MustacheException e) {
            throw new TemplateException(part, e.getMessage());
        }
    }
}
