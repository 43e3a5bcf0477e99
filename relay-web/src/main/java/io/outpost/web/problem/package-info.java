/**
 * HTTP errors as {@code application/problem+json} (RFC 9457): the {@link io.outpost.web.problem.Problem} value and the
 * one family of exception mappers that turns validation errors, missing and conflicting entries, malformed JSON and
 * anything unexpected into it — never a stack trace — and the error page that does the same for the container's 403.
 * Depends on JAX-RS, servlets, JSON-P and the store's exceptions.
 */
package io.outpost.web.problem;
