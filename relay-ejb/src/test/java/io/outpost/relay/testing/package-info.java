/**
 * Real servers for delivery tests, on 127.0.0.1 only: an authoritative DNS server and a receiving SMTP server. Shipped
 * in the test-jar so integration tests of other modules can route mail through them too.
 */
package io.outpost.relay.testing;
