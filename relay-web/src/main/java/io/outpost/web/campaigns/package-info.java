/**
 * The campaigns API ({@code /api/v1/campaigns}) and the sender that sends each campaign's batches: a template version to
 * an audience's confirmed subscribers, or a segment of them, after the pre-send checks, through the same composing and
 * submission path as a batch of the messages API. Depends on {@code io.outpost.relay.campaign}, {@code checks}, {@code
 * template}, {@code submission} and this module's {@code messages}, {@code json}, {@code problem} and {@code security}.
 */
package io.outpost.web.campaigns;
