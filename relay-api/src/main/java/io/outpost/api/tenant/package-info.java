/**
 * Who mail belongs to: the tenant (a customer of the relay) and the credentials it authenticates with, as small values
 * that validate on construction. Depends on nothing but the JDK.
 */
package io.outpost.api.tenant;
