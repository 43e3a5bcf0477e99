package io.outpost.relay.campaign;

import java.util.Optional;

/**
 * Whom a campaign would reach when it is created: how many confirmed subscribers (of the segment), and the first of
 * them, whose data the pre-send checks render the template with.
 */
public record AudienceReach(int total, Optional<CampaignRecipient> first) {}
