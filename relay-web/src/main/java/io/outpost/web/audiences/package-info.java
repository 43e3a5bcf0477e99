/**
 * Double opt-in over HTTP (issue 11): the tenant API of audiences and subscribers ({@code /api/v1/audiences}), an
 * audience's hosted form ({@code /f/{id}}) and the confirmation link ({@code /c/{token}}). Confirmation messages are
 * composed as the messages API composes a message and go through the one submission path. Depends on the engine's
 * {@code audience} and {@code submission} packages, and on {@code messages} (composing, refusals) and {@code hosted}.
 */
package io.outpost.web.audiences;
