/**
 * The sending-domain API both the admin and the tenant API serve: the records to publish, their checks, key rotation
 * and the domain's events. The tenant whose domains are touched is always given by the calling resource.
 */
package io.outpost.web.domains;
