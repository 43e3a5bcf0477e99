/**
 * The tenant API under {@code /api/v1}: what a tenant may see and do with its own account, authenticated with one of
 * its API keys (role {@code tenant}). The tenant is always the authenticated caller, never a value from the request.
 * Calls the engine's {@code TenantStore}; never touches JPA itself.
 */
package io.outpost.web.tenant;
