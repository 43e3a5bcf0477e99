/**
 * Real servers for tests, on 127.0.0.1 only: an authoritative DNS server, a receiving SMTP server and SpamAssassin's
 * spamd. Shipped in the test-jar so integration tests of other modules can use them too.
 */
package io.outpost.relay.testing;
