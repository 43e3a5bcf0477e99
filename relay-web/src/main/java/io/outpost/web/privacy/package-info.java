/**
 * {@code /api/v1/data-subjects}: a person's access to and erasure of what Outpost holds about their address (GDPR
 * Art. 15, 17), for the tenant that is its controller, and for the operator on a tenant's behalf.
 */
package io.outpost.web.privacy;
