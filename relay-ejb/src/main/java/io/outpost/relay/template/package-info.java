/**
 * A tenant's message templates: stored per tenant and versioned (subject, text, HTML), and rendered with Mustache
 * (jmustache): HTML escaped by default in the HTML part, a variable missing from the data an error naming it, and no
 * access to anything but the data given. Depends on {@code io.outpost.api} and JPA.
 */
package io.outpost.relay.template;
