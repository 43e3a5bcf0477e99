/**
 * What every API request must be before JAX-RS reads it: a body no larger than {@code outpost.http.max-request-size},
 * an {@code Accept} header whose weights are numbers, a {@code Content-Type} that is a media type with a charset Java
 * knows. Anything else is answered here with a problem naming the header; the whole numbers of a query string
 * ({@link io.outpost.web.request.QueryNumbers}) are read the same way everywhere. Depends on servlets, the problem package and
 * the relay's configuration.
 */
package io.outpost.web.request;
