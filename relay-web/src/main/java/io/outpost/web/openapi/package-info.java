/** The OpenAPI document the server serves at {@code /openapi} (MicroProfile OpenAPI), and its UI. */
package io.outpost.web.openapi;
