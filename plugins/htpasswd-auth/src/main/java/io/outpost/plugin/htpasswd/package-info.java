/**
 * An {@link io.outpost.api.plugin.AuthenticationCheck} that reads users and bcrypt hashes from an Apache htpasswd file.
 * Depends on relay-api (provided by the relay) and on bcrypt, which the plugin jar carries relocated.
 */
package io.outpost.plugin.htpasswd;
