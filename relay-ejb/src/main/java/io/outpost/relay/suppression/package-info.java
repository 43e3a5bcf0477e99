/**
 * Suppression lists (issue 11): the addresses and domains Outpost must not send to, per operator, tenant or tenant and
 * stream, each with why, what caused it and until when; every change kept, so a wrong block can be seen and undone. The
 * built-in {@link io.outpost.relay.suppression.SuppressionListPolicy} holds deliveries to them like any suppression
 * plugin.
 */
package io.outpost.relay.suppression;
