/**
 * The admin API under {@code /api/v1/admin}: tenants, their SMTP credentials and API keys, and the AUTH throttle's
 * state. Only the {@code admin} role may call it, authenticated with HTTP Basic against the admin accounts in the
 * database (Jakarta Security). Calls the engine's {@code TenantStore}; never touches JPA itself.
 */
package io.outpost.web.admin;
