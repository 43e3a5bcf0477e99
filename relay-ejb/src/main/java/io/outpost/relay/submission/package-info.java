/**
 * What the web layer sees of submission: the HTTP API's message ({@link io.outpost.relay.submission.HttpSubmission}),
 * the service that takes it ({@link io.outpost.relay.submission.HttpSubmissions}) and its result. The SMTP listener,
 * pipeline and queue behind it stay in {@code intake}, {@code smtp} and {@code queue}. Depends on {@code
 * io.outpost.api}, and on {@code rules} for the names of the rules a result may name.
 */
package io.outpost.relay.submission;
