/**
 * The durable queue: one row per message (its bytes stored once, streamed in and out by JDBC, never one array), one
 * row per recipient with its own delivery state, group commit of new messages and of delivery outcomes (fsynced
 * before anyone is told), the claims that hand due recipients to delivery, each fenced by a token so that only the
 * attempt holding a recipient can record its outcome or renew its lease, and retention of what is done. Depends on
 * JPA, on the mail values of relay-api, on {@code content}, and on {@code suppression} for the list entries and soft
 * bounces its outcome commits write (whose events it writes in turn); knows nothing of SMTP sessions or sockets.
 */
package io.outpost.relay.queue;
