/**
 * JSON-P on one provider looked up once ({@link io.outpost.relay.json.CachedJson}), for the code that builds JSON on a
 * hot path: the HTTP API's answers, message stories, webhooks.
 */
package io.outpost.relay.json;
