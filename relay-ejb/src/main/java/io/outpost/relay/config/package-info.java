/**
 * Outpost's settings: the {@code outpost.*} server.xml variables, read once through MicroProfile Config, parsed into
 * typed values and checked at start-up so a bad setting stops the server with its name rather than misbehaving later.
 */
package io.outpost.relay.config;
