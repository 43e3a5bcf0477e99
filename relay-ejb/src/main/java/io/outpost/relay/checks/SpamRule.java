package io.outpost.relay.checks;

/**
 * One SpamAssassin rule a message hit.
 *
 * @param points what it added to the score (negative for rules that vouch for the message)
 * @param name the rule's name, such as {@code HTML_IMAGE_ONLY_16}
 * @param description SpamAssassin's own words for it
 */
record SpamRule(double points, String name, String description) {}
