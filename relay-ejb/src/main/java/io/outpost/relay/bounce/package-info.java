/**
 * What a bounce means for the address it is about: the classes (hard, soft, mailbox full, policy, unknown) and the rule
 * table that gives a remote reply or a DSN's status and text its class. Plain Java; depends on nothing of the engine.
 */
package io.outpost.relay.bounce;
