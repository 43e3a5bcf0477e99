/**
 * A stand-in for an existing Jakarta EE application that knows nothing of Outpost but the JNDI name of a mail session.
 * Its classes are deployed as a separate WAR by the integration tests; it depends on Jakarta EE APIs only.
 */
package io.outpost.it.mailapp;
