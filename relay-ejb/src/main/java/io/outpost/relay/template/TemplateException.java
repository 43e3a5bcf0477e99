package io.outpost.relay.template;

/**
 * A template that cannot be compiled, or data it cannot be rendered with: which part ({@code subject}, {@code text},
 * {@code html}) and why, in words a tenant can act on.
 */
public final class TemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String part;

    public TemplateException(String part, String message) {
        super(message);
        this.part = part;
    }

    /** The part that failed: {@code subject}, {@code text} or {@code html}. */
    public String part() {
        return part;
    }
}
