/**
 * Outbound delivery: finding a domain's mail hosts (MX look-up, transport map overrides, never this relay itself nor,
 * unless allowed, an address off the public internet), handing a message to them over SMTP, deciding when to try
 * again, and building the bounce (DSN) when delivery fails for good; a bounded pool of workers whose claims are
 * renewed while they work.
 *
 * <p>Plain Java but for {@link io.outpost.relay.delivery.DeliveryScheduler}, the EJB singleton that owns the timer and
 * the workers' lifetime. The queue and its scheduler call these classes from several worker
 * threads at once; each public class says whether it is safe for that. Depends on the relay-api mail values, dnsjava
 * and Angus Mail's SMTP transport.
 */
package io.outpost.relay.delivery;
