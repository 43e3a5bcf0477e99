/**
 * How callers of the REST API authenticate: the one Jakarta Security mechanism of the application, which reads HTTP
 * Basic (admin accounts, role {@code admin}) and Bearer API keys (tenants, role {@code tenant}) from the
 * {@code Authorization} header, the filter that sends its refusals on open paths, the login throttle, the API key
 * identity store and its short cache of verified keys. Depends on Jakarta Security, servlets, the engine's
 * {@code TenantStore}, {@code CredentialStates} and {@code AuthThrottle}, and {@code io.outpost.web.problem}; never on
 * the resources.
 */
package io.outpost.web.security;
