/**
 * A message's bytes on their way through the relay: held in memory while small and in a spool file once larger than a
 * threshold, with Outpost's own header fields put in front without copying the rest; and the cap on the bytes all
 * sessions may hold in memory at once. Plain Java; depends on nothing else of the relay.
 */
package io.outpost.relay.content;
