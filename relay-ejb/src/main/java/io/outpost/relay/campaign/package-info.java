/**
 * Campaigns (issue 12): one pinned template version sent to the confirmed subscribers of an audience, or to a segment
 * of them by one attribute, now or at a time, in batches after a cursor, with pause, resume and cancel; the pre-send
 * check report it was created with and the written override of a failing check. The store claims a due campaign for
 * one node at a time and pins each batch before it is sent; composing and submitting the messages is the web module's
 * ({@code io.outpost.web.campaigns}), through the one submission path of the HTTP API. Depends on {@code
 * io.outpost.api}, {@code audience} (its tables, read here), {@code json} and {@code tenant}.
 */
package io.outpost.relay.campaign;
