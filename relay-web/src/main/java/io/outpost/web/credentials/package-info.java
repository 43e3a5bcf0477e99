/**
 * A tenant's SMTP credentials and API keys, as its owners keep them ({@code /api/v1/smtp-credentials}, {@code
 * /api/v1/api-keys}) and the operator does ({@code /api/v1/admin/tenants/{id}/…}): one set of requests for both.
 * Depends on the tenant store and the web module's JSON and problem types, never on the admin package.
 */
package io.outpost.web.credentials;
