/**
 * Topics of a tenant's bulk mail (issue 11): the choices of its preference centre. A message names one; a recipient
 * leaves one topic or all the tenant's bulk mail, and the suppression lists hold each topic apart. Depends on JPA and
 * the values of relay-api.
 */
package io.outpost.relay.topic;
