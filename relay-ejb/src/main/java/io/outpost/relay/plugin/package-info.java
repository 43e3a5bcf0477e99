/**
 * Loading and running plugins: the registry that finds plugin jars with {@link java.util.ServiceLoader}, enables the
 * ones the operator lists in the operator's order, and checks their settings; and the chain that calls them under a
 * time limit, fails closed and records every decision. Plain Java on top of {@code io.outpost.api.plugin}: no EJB, CDI
 * or JPA here, so the EJBs that use it wire in their own executor and decision sink.
 */
package io.outpost.relay.plugin;
