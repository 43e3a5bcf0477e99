/**
 * The one-click unsubscribe endpoint every bulk message's {@code List-Unsubscribe} URL points to (RFC 8058): a POST
 * unsubscribes at once, a GET shows a page that asks first. Depends on the engine's {@code unsubscribe} package.
 */
package io.outpost.web.unsubscribe;
