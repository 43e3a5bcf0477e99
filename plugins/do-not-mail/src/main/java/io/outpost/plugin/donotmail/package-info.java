/**
 * A {@link io.outpost.api.plugin.SuppressionPolicy} that refuses recipients listed, as addresses or whole domains, in a
 * file the operator maintains. Depends on relay-api alone, which the relay provides.
 */
package io.outpost.plugin.donotmail;
