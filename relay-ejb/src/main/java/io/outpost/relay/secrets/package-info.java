/** Keys the operator configures to protect data at rest and values Outpost hands out; plain Java. */
package io.outpost.relay.secrets;
