package io.outpost.relay.suppression;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What shows why an address is suppressed, kept with its entry so that a wrong block can be seen for what it is.
 *
 * @param messageId the message whose bounce, complaint or unsubscribe caused it
 * @param text the remote server's reply, or the report that came back
 * @param note what a person wrote when adding it
 */
public record Evidence(OptionalLong messageId, Optional<String> text, Optional<String> note) {

    /** Added by a person, with what they wrote (if anything). */
    public static Evidence note(Optional<String> note) {
        return new Evidence(OptionalLong.empty(), Optional.empty(), note);
    }
}
