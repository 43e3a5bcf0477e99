/**
 * A {@link io.outpost.api.plugin.SubmissionPolicy} that refuses or defers messages whose header fields match the rules
 * of a file the operator maintains, as Postfix's {@code header_checks} do. Depends on relay-api alone, which the relay
 * provides.
 */
package io.outpost.plugin.headerchecks;
