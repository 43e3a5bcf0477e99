/**
 * The event stream over HTTP: a tenant (or an operator, for any tenant) reads its messages' events in stream order, a
 * page at a time, resuming from the position the page before gave.
 */
package io.outpost.web.events;
