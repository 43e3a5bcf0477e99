/**
 * Sending over HTTP: a tenant posts a message as JSON; it is composed into MIME and queued under the same rules as an
 * SMTP submission; refusals come back as problem+json naming the field.
 */
package io.outpost.web.messages;
