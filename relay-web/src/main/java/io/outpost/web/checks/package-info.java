/**
 * {@code /api/v1/templates/{name}/checks}: the pre-send checks of {@code io.outpost.relay.checks} on a template as it
 * would be sent, and their report as JSON for the API, the web UI and a campaign's start. Depends on {@code
 * io.outpost.relay.checks}, {@code io.outpost.relay.template} and {@code web.templates} for the rendering.
 */
package io.outpost.web.checks;
