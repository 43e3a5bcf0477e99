/** First start: the admin account and an optional demo tenant from the {@code outpost.bootstrap.*} settings. */
package io.outpost.relay.bootstrap;
