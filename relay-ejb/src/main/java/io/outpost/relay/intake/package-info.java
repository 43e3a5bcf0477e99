/**
 * Where mail comes in: the SMTP listener hosted in the application on managed threads, and the acceptor that commits
 * each message to the queue (group commit) before the session may answer 250. Joins the plain-Java {@code smtp}
 * package to {@code queue} and {@code delivery}.
 */
package io.outpost.relay.intake;
