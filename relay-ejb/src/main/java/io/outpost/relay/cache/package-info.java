/**
 * Small in-memory caches of database reads on intake's hot path (sending domains, credential states). Depends on the
 * JDK only.
 */
package io.outpost.relay.cache;
