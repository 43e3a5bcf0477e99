/**
 * One-click unsubscribe (RFC 2369, RFC 8058): the signed per-recipient token, the fields every bulk message leaves
 * with, and what a recipient's unsubscribe does (a suppression and an UNSUBSCRIBED event). Depends on {@code content},
 * {@code tracking} (where links point), {@code sending} (the signed mailto: address), {@code queue} and {@code
 * secrets}.
 */
package io.outpost.relay.unsubscribe;
