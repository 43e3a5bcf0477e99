/**
 * HTTP errors as {@code application/problem+json} (RFC 9457): the {@link io.outpost.web.problem.Problem} value and the
 * one family of exception mappers that turns validation errors, missing and conflicting entries, malformed JSON and
 * anything unexpected into it — never a stack trace. Depends on JAX-RS, JSON-P and the store's exceptions.
 */
package io.outpost.web.problem;
