/**
 * Signing in to the web UI: sessions ({@code /api/v1/session}), invitations accepted ({@code /api/v1/invitations}),
 * and a tenant's users managed by its owners ({@code /api/v1/users}) and by the operator.
 */
package io.outpost.web.account;
