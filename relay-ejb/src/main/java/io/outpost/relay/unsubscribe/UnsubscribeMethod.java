package io.outpost.relay.unsubscribe;

/** How a recipient unsubscribed, as their UNSUBSCRIBED event and suppression entry tell it. */
public enum UnsubscribeMethod {
    /** Their mail program's one-click button: a POST to the List-Unsubscribe URL (RFC 8058 §3.2). */
    ONE_CLICK("one-click POST"),
    /** The button on the page the List-Unsubscribe URL shows to a browser. */
    PAGE("confirmed on the unsubscribe page");

    private final String description;

    UnsubscribeMethod(String description) {
        this.description = description;
    }

    /** As the event's detail begins, e.g. {@code one-click POST}. */
    public String description() {
        return description;
    }
}
