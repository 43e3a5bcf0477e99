/**
 * HTTP errors as {@code application/problem+json} (RFC 9457): the {@link io.outpost.web.problem.Problem} value and the
 * one family of exception mappers that turns validation errors, missing and conflicting entries, malformed JSON,
 * database failures ({@link io.outpost.web.problem.StoreFailures}: 503 or 409) and anything unexpected into it — never
 * a stack trace — the default servlet that answers every path outside the API with a 404 problem, and the error page
 * that does the same for what the container answers itself (403, refused methods, exceptions no mapper saw).
 * Depends on JAX-RS, servlets, JSON-P, JPA and JDBC exception types and the store's exceptions.
 */
package io.outpost.web.problem;
