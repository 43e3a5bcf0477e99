package io.outpost.relay.bounce;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of the rule table: an enhanced status code in which any of the three parts may be {@code *} (RFC 3463 §2:
 * class.subject.detail), the class it gives, and optionally a text the reply must contain (a regular expression, found
 * anywhere, without regard to case).
 */
record BounceRule(String[] status, BounceClass bounceClass, Optional<Pattern> text) {

    boolean matches(String enhancedStatus, String replyText) {
        String[] parts = enhancedStatus.split("\\.", 3);
        for (int i = 0; i < 3; i++) {
            if (!status[i].equals("*") && !status[i].equals(parts[i])) {
                return false;
            }
        }
        return text.map(pattern -> pattern.matcher(replyText).find()).orElse(true);
    }
}
