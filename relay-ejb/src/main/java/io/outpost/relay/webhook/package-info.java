/**
 * Webhooks: a tenant's HTTPS endpoints, each sent the tenant's event stream in order from a cursor of its own, every
 * request signed (HMAC-SHA256 over a timestamp and the body), a failed one retried with backoff before anything after
 * it, an endpoint failing for too long disabled; on a bounded executor of its own, never on mail's threads.
 */
package io.outpost.relay.webhook;
